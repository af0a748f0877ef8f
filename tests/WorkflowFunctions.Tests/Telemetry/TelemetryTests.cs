using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Execution;
using WorkflowFunctions.Telemetry;

namespace WorkflowFunctions.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task ExecuteNode_EmitsSpanTaggedWithRunWorkflowAndNode()
    {
        // Arrange
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Http);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NodeExecutionResult.Failure("upstream said no", retryable: false));
        var activities = new NodeActivities(new NodeExecutorRegistry([executor.Object]), NullLogger<NodeActivities>.Instance);
        var runId = Guid.NewGuid().ToString("N");

        // Act
        await activities.ExecuteNode(new NodeExecutionRequest { RunId = runId, WorkflowId = "wf-7", NodeId = "n-3", NodeType = NodeTypes.Http }, CancellationToken.None);

        // Assert
        var span = Assert.Single(spans, s => (string?)s.GetTagItem(WorkflowTelemetry.RunId) == runId);
        Assert.Equal("wf-7", span.GetTagItem(WorkflowTelemetry.WorkflowId));
        Assert.Equal("n-3", span.GetTagItem(WorkflowTelemetry.NodeId));
        Assert.Equal(NodeTypes.Http, span.GetTagItem(WorkflowTelemetry.NodeType));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public void AddWorkflowTelemetry_WithoutConnectionString_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddWorkflowTelemetry(new ConfigurationBuilder().Build());

        Assert.Empty(services);
    }

    [Fact]
    public void AddWorkflowTelemetry_WithConnectionString_RegistersApplicationInsightsWithIdentityAuth()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/",
            ["AZURE_CLIENT_ID"] = "11111111-1111-1111-1111-111111111111",
        }).Build();

        services.AddWorkflowTelemetry(configuration);

        Assert.Contains(services, d => d.ServiceType == typeof(TelemetryConfiguration));
        Assert.Contains(services, d => d.ServiceType.Name.Contains("ConfigureOptions", StringComparison.Ordinal) && d.ServiceType.GenericTypeArguments.Contains(typeof(TelemetryConfiguration)));
    }
}
