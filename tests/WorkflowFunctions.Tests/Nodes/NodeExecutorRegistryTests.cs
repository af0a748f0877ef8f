using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.Tests.Nodes;

public sealed class NodeExecutorRegistryTests
{
    [Fact]
    public void TryGet_RealExecutorRegisteredBeforePlaceholder_ReturnsRealExecutor()
    {
        // Arrange
        var real = new StubExecutor(NodeTypes.Llm);
        var registry = new NodeExecutorRegistry([real, new UnconfiguredNodeExecutor(NodeTypes.Llm)]);

        // Act
        var found = registry.TryGet(NodeTypes.Llm, out var executor);

        // Assert
        Assert.True(found);
        Assert.Same(real, executor);
    }

    [Fact]
    public void TryGet_RealExecutorRegisteredAfterPlaceholder_ReturnsRealExecutor()
    {
        // Arrange
        var real = new StubExecutor(NodeTypes.Http);
        var registry = new NodeExecutorRegistry([new UnconfiguredNodeExecutor(NodeTypes.Http), real]);

        // Act
        registry.TryGet(NodeTypes.Http, out var executor);

        // Assert
        Assert.Same(real, executor);
    }

    [Fact]
    public void TryGet_UnknownType_ReturnsFalse()
    {
        // Arrange
        var registry = new NodeExecutorRegistry([new StubExecutor(NodeTypes.Llm)]);

        // Act
        var found = registry.TryGet("mystery-node", out _);

        // Assert
        Assert.False(found);
    }

    private sealed class StubExecutor(string nodeType) : INodeExecutor
    {
        public string NodeType { get; } = nodeType;

        public Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(NodeExecutionResult.Success("stub"));
    }
}
