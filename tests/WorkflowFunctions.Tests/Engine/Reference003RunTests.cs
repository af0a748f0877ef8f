using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class Reference003RunTests(DurableEngineFixture engine)
{
    private const string IfElse = "0a4c9bdb-0378-4426-9e4d-0ba5c6e3e5a8";
    private const string Positive = "58a35684-7d25-4dff-b012-609eab065751";
    private const string Negative = "8f6bd336-3d7c-41fe-b94c-d47974c1e056";

    [Fact]
    public async Task RunAsync_CategoryPositive_RunsTrueBranchAndSkipsFalse()
    {
        // Arrange
        var request = DurableEngineFixture.Request(FixtureFiles.Reference003Data(), new { category = "positive" });

        // Act
        var result = await engine.RunAsync(request);

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(
            (NodeStatus.Succeeded, NodeStatus.Succeeded, NodeStatus.Skipped),
            (result.Nodes[IfElse].Status, result.Nodes[Positive].Status, result.Nodes[Negative].Status));
        Assert.Contains("sentiment is positive", (string?)result.Nodes[Positive].Result!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CategoryNegative_RunsFalseBranchAndSkipsTrue()
    {
        // Arrange
        var request = DurableEngineFixture.Request(FixtureFiles.Reference003Data(), new { category = "negative" });

        // Act
        var result = await engine.RunAsync(request);

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal((NodeStatus.Skipped, NodeStatus.Succeeded), (result.Nodes[Positive].Status, result.Nodes[Negative].Status));
        Assert.Contains("sentiment is negative", (string?)result.Output, StringComparison.Ordinal);
    }
}
