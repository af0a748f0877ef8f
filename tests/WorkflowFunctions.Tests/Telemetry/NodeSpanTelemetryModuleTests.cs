using System.Diagnostics;
using Microsoft.ApplicationInsights.DataContracts;
using WorkflowFunctions.Telemetry;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Telemetry;

public sealed class NodeSpanTelemetryModuleTests
{
    [Fact]
    public void Initialize_NodeSpanStops_SendsInProcDependencyWithTheSpanTags()
    {
        // Arrange
        using var configuration = CapturingTelemetryChannel.Configuration(out var channel);
        using var module = new NodeSpanTelemetryModule();
        module.Initialize(configuration);
        var runId = Guid.NewGuid().ToString("N");

        // Act
        using (var span = WorkflowTelemetry.Source.StartActivity("node http"))
        {
            span!.SetTag(WorkflowTelemetry.RunId, runId);
            span.SetTag(WorkflowTelemetry.NodeId, "n-3");
        }

        // Assert
        var dependency = Assert.Single(
            channel.Sent.OfType<DependencyTelemetry>(),
            d => d.Properties.TryGetValue(WorkflowTelemetry.RunId, out var id) && id == runId);
        Assert.Equal("InProc", dependency.Type);
        Assert.Equal("node http", dependency.Name);
        Assert.Equal("n-3", dependency.Properties[WorkflowTelemetry.NodeId]);
        Assert.True(dependency.Success);
    }

    [Fact]
    public void Initialize_SpanUnderParent_KeepsTraceAndParentIdsForCorrelation()
    {
        // Arrange
        using var configuration = CapturingTelemetryChannel.Configuration(out var channel);
        using var module = new NodeSpanTelemetryModule();
        module.Initialize(configuration);
        using var invocation = new Activity("function invocation").SetIdFormat(ActivityIdFormat.W3C).Start();

        // Act
        using (var span = WorkflowTelemetry.Source.StartActivity("node llm"))
        {
            span!.SetTag(WorkflowTelemetry.RunId, invocation.TraceId.ToHexString());
        }

        // Assert
        var dependency = Assert.Single(channel.Sent.OfType<DependencyTelemetry>(), d => d.Context.Operation.Id == invocation.TraceId.ToHexString());
        Assert.Equal(invocation.SpanId.ToHexString(), dependency.Context.Operation.ParentId);
    }

    [Fact]
    public void Initialize_SpanWithErrorStatus_SendsFailedDependencyWithTheError()
    {
        // Arrange
        using var configuration = CapturingTelemetryChannel.Configuration(out var channel);
        using var module = new NodeSpanTelemetryModule();
        module.Initialize(configuration);
        var runId = Guid.NewGuid().ToString("N");

        // Act
        using (var span = WorkflowTelemetry.Source.StartActivity("node http"))
        {
            span!.SetTag(WorkflowTelemetry.RunId, runId);
            span.SetStatus(ActivityStatusCode.Error, "HTTP 404");
        }

        // Assert
        var dependency = Assert.Single(
            channel.Sent.OfType<DependencyTelemetry>(),
            d => d.Properties.TryGetValue(WorkflowTelemetry.RunId, out var id) && id == runId);
        Assert.False(dependency.Success);
        Assert.Equal("HTTP 404", dependency.Properties["error"]);
    }
}
