using System.Diagnostics;
using Microsoft.ApplicationInsights.DataContracts;
using WorkflowFunctions.Telemetry;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Telemetry;

public sealed class NodeContextTelemetryInitializerTests
{
    [Fact]
    public void Initialize_InsideNodeSpanChild_AddsTheNodeIds()
    {
        // Arrange
        using var spans = new SpanRecorder();
        using var node = WorkflowTelemetry.Source.StartActivity("node http")!;
        node.SetTag(WorkflowTelemetry.RunId, "run-9");
        node.SetTag(WorkflowTelemetry.WorkflowId, "wf-7");
        node.SetTag(WorkflowTelemetry.NodeId, "n-3");
        using var httpCall = new Activity("System.Net.Http.HttpRequestOut").Start();
        var dependency = new DependencyTelemetry { Type = "Http", Name = "POST /v1/chat/completions" };

        // Act
        new NodeContextTelemetryInitializer().Initialize(dependency);

        // Assert
        Assert.Equal("run-9", dependency.Properties[WorkflowTelemetry.RunId]);
        Assert.Equal("wf-7", dependency.Properties[WorkflowTelemetry.WorkflowId]);
        Assert.Equal("n-3", dependency.Properties[WorkflowTelemetry.NodeId]);
    }

    [Fact]
    public void Initialize_OutsideAnyNodeSpan_AddsNothing()
    {
        // Arrange
        using var request = new Activity("function invocation").Start();
        var trace = new TraceTelemetry("Run started");

        // Act
        new NodeContextTelemetryInitializer().Initialize(trace);

        // Assert
        Assert.DoesNotContain(trace.Properties.Keys, key => key.StartsWith("workflow.", StringComparison.Ordinal));
    }

    [Fact]
    public void Initialize_PropertyAlreadySet_KeepsIt()
    {
        // Arrange
        using var spans = new SpanRecorder();
        using var node = WorkflowTelemetry.Source.StartActivity("node http")!;
        node.SetTag(WorkflowTelemetry.NodeId, "n-3");
        var trace = new TraceTelemetry("from a log scope");
        trace.Properties[WorkflowTelemetry.NodeId] = "scoped";

        // Act
        new NodeContextTelemetryInitializer().Initialize(trace);

        // Assert
        Assert.Equal("scoped", trace.Properties[WorkflowTelemetry.NodeId]);
    }
}
