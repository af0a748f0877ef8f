using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Tests.Nodes;

public sealed class NodeActivitiesTests
{
    [Fact]
    public async Task ExecuteNode_UnknownNodeType_ReturnsNonRetryableFailureNamingType()
    {
        // Arrange
        var activities = Activities();

        // Act
        var result = await activities.ExecuteNode(Request("mystery-node"), CancellationToken.None);

        // Assert
        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("mystery-node", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteNode_PlaceholderExecutor_FailsSayingNotConfigured()
    {
        // Arrange
        var activities = Activities(new UnconfiguredNodeExecutor(NodeTypes.Llm));

        // Act
        var result = await activities.ExecuteNode(Request(NodeTypes.Llm), CancellationToken.None);

        // Assert
        Assert.False(result.Succeeded);
        Assert.Contains("not configured", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteNode_RetryableFailure_ThrowsSoDurableRetries()
    {
        // Arrange
        var executor = Executor(NodeExecutionResult.Failure("upstream 503", retryable: true));
        var activities = Activities(executor);

        // Act
        var thrown = await Assert.ThrowsAsync<NodeExecutionException>(() => activities.ExecuteNode(Request(NodeTypes.Llm), CancellationToken.None));

        // Assert
        Assert.Equal("upstream 503", thrown.Message);
    }

    [Fact]
    public async Task ExecuteNode_ExecutorThrows_ThrowsNodeExecutionExceptionWithMessage()
    {
        // Arrange
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Llm);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));
        var activities = Activities(executor.Object);

        // Act
        var thrown = await Assert.ThrowsAsync<NodeExecutionException>(() => activities.ExecuteNode(Request(NodeTypes.Llm), CancellationToken.None));

        // Assert
        Assert.Equal("connection refused", thrown.Message);
    }

    [Fact]
    public async Task ExecuteNode_ExecutorOutlivesTimeout_ThrowsTimedOut()
    {
        // Arrange
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Llm);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (NodeExecutionRequest _, CancellationToken token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return NodeExecutionResult.Success("never");
            });
        var activities = Activities(executor.Object);

        // Act
        var thrown = await Assert.ThrowsAsync<NodeExecutionException>(
            () => activities.ExecuteNode(Request(NodeTypes.Llm) with { TimeoutSeconds = 0.05 }, CancellationToken.None));

        // Assert
        Assert.Equal("timed out after 0.05s", thrown.Message);
    }

    [Fact]
    public async Task ExecuteNode_ExecutorIgnoresCancellation_AbandonedAfterGraceAndThrowsTimedOut()
    {
        // Arrange
        var never = new TaskCompletionSource<NodeExecutionResult>();
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Llm);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>())).Returns(never.Task);
        var activities = Activities(executor.Object);

        // Act
        var thrown = await Assert.ThrowsAsync<NodeExecutionException>(
            () => activities.ExecuteNode(Request(NodeTypes.Llm) with { TimeoutSeconds = 0.05 }, CancellationToken.None));

        // Assert
        Assert.Equal("timed out after 0.05s", thrown.Message);
        Assert.False(never.Task.IsCompleted);
    }

    [Fact]
    public async Task ExecuteNode_Success_ReturnsExecutorResult()
    {
        // Arrange
        var activities = Activities(Executor(NodeExecutionResult.Success("hello")));

        // Act
        var result = await activities.ExecuteNode(Request(NodeTypes.Llm), CancellationToken.None);

        // Assert
        Assert.True(result.Succeeded);
        Assert.Equal("hello", (string?)result.Result!["content"]);
    }

    private static NodeActivities Activities(params INodeExecutor[] executors) =>
        new(new NodeExecutorRegistry(executors), new RunChangeSignals(), NullLogger<NodeActivities>.Instance);

    private static INodeExecutor Executor(NodeExecutionResult result)
    {
        var executor = new Mock<INodeExecutor>();
        executor.SetupGet(e => e.NodeType).Returns(NodeTypes.Llm);
        executor.Setup(e => e.ExecuteAsync(It.IsAny<NodeExecutionRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);
        return executor.Object;
    }

    private static NodeExecutionRequest Request(string nodeType) => new()
    {
        RunId = "run-1",
        NodeId = "node-1",
        NodeType = nodeType,
        TimeoutSeconds = 30,
    };
}
