using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Telemetry;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Telemetry;

/// <summary>The <c>ExecuteNode</c> activity's span and log scope, which carry the run, workflow and node IDs.</summary>
public sealed class NodeSpanTests
{
    [Fact]
    public async Task ExecuteNode_Succeeds_EmitsSpanTaggedWithRunWorkflowAndNode()
    {
        // Arrange
        using var spans = new SpanRecorder();
        var request = Request();

        // Act
        await Activities(Executor(NodeExecutionResult.Success("ok"))).ExecuteNode(request, CancellationToken.None);

        // Assert
        var span = spans.Single(request.RunId);
        Assert.Equal("wf-7", span.GetTagItem(WorkflowTelemetry.WorkflowId));
        Assert.Equal("n-3", span.GetTagItem(WorkflowTelemetry.NodeId));
        Assert.Equal(NodeTypes.Http, span.GetTagItem(WorkflowTelemetry.NodeType));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task ExecuteNode_NonRetryableFailure_MarksSpanAsError()
    {
        // Arrange
        using var spans = new SpanRecorder();
        var request = Request();

        // Act
        await Activities(Executor(NodeExecutionResult.Failure("upstream said no", retryable: false))).ExecuteNode(request, CancellationToken.None);

        // Assert
        var span = spans.Single(request.RunId);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("upstream said no", span.StatusDescription);
    }

    [Fact]
    public async Task ExecuteNode_ExecutorThrows_MarksSpanAsError()
    {
        // Arrange
        using var spans = new SpanRecorder();
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Http);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));
        var request = Request();

        // Act
        await Assert.ThrowsAsync<NodeExecutionException>(() => Activities(executor.Object).ExecuteNode(request, CancellationToken.None));

        // Assert
        Assert.Equal(ActivityStatusCode.Error, spans.Single(request.RunId).Status);
    }

    [Fact]
    public async Task ExecuteNode_AnyNode_LogsWrittenWhileItRunsCarryRunWorkflowAndNodeKeys()
    {
        // Arrange
        using var provider = new FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(provider));
        var request = Request();
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Http);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                loggers.CreateLogger("executor").LogInformation("calling upstream");
                return Task.FromResult(NodeExecutionResult.Success("ok"));
            });

        // Act
        await new NodeActivities(new NodeExecutorRegistry([executor.Object]), new RunChangeSignals(), loggers.CreateLogger<NodeActivities>())
            .ExecuteNode(request, CancellationToken.None);

        // Assert
        var scope = Assert.Single(LogText.Lines(provider.Collector), entry => entry.Contains(WorkflowTelemetry.RunId, StringComparison.Ordinal));
        Assert.Contains($"{WorkflowTelemetry.RunId}={request.RunId}", scope, StringComparison.Ordinal);
        Assert.Contains($"{WorkflowTelemetry.WorkflowId}=wf-7", scope, StringComparison.Ordinal);
        Assert.Contains($"{WorkflowTelemetry.NodeId}=n-3", scope, StringComparison.Ordinal);
        Assert.Contains($"{WorkflowTelemetry.NodeType}={NodeTypes.Http}", scope, StringComparison.Ordinal);
    }

    private static NodeExecutionRequest Request() =>
        new() { RunId = Guid.NewGuid().ToString("N"), WorkflowId = "wf-7", AccountId = "acct", NodeId = "n-3", NodeType = NodeTypes.Http };

    private static NodeActivities Activities(INodeExecutor executor) =>
        new(new NodeExecutorRegistry([executor]), new RunChangeSignals(), NullLogger<NodeActivities>.Instance);

    private static INodeExecutor Executor(NodeExecutionResult result)
    {
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Http);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);
        return executor.Object;
    }
}
