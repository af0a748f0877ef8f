using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

/// <summary>
/// The reference 003 example (Trigger, If/Else, two LLM branches) run end to end by the durable engine with the
/// real LLM executor calling an OpenAI-compatible server on loopback. gpt-4o costs 2.50 / 10.00 USD per
/// million tokens, so each LLM node's 100 input and 20 output tokens cost 0.00045 USD.
/// </summary>
public sealed class Reference003LlmRunTests(RealExecutorEngineFixture engine) : IClassFixture<RealExecutorEngineFixture>
{
    private const string Positive = "58a35684-7d25-4dff-b012-609eab065751";
    private const string Negative = "8f6bd336-3d7c-41fe-b94c-d47974c1e056";
    private const decimal NodeCost = 0.00045m;

    [Fact]
    public async Task RunAsync_CategoryPositive_TrueBranchResultCarriesContentUsageAndCost()
    {
        // Arrange
        var request = DurableEngineFixture.Request(FixtureFiles.Reference003Data(), new { category = "positive" });

        // Act
        var result = await engine.RunAsync(request);

        // Assert
        Assert.Equal(
            (RunStatus.Succeeded, NodeStatus.Succeeded, NodeStatus.Skipped),
            (result.Status, result.Nodes[Positive].Status, result.Nodes[Negative].Status));
        var expected = JsonNode.Parse("""
            {"content": "Reply to: The sentiment is positive. Provide a short encouraging response.",
             "model": "gpt-4o-2024-08-06", "usage": {"input_tokens": 100, "output_tokens": 20},
             "cost": 0.00045, "price_known": true, "finish_reason": "stop"}
            """);
        Assert.True(
            JsonNode.DeepEquals(expected, JsonNode.Parse(result.Nodes[Positive].Result!.ToJsonString())),
            result.Nodes[Positive].Result!.ToJsonString());
    }

    [Fact]
    public async Task RunAsync_CategoryNegative_FalseBranchRunsAndRunMetricsSumItsUsage()
    {
        // Arrange
        var request = DurableEngineFixture.Request(FixtureFiles.Reference003Data(), new { category = "negative" });

        // Act
        var result = await engine.RunAsync(request);

        // Assert
        Assert.Equal(
            (RunStatus.Succeeded, NodeStatus.Skipped, NodeStatus.Succeeded),
            (result.Status, result.Nodes[Positive].Status, result.Nodes[Negative].Status));
        Assert.Equal("Reply to: The sentiment is negative. Provide a short empathetic response.", (string?)result.Output);
        Assert.Equal(
            (NodeCost, RealExecutorEngineFixture.PromptTokens, RealExecutorEngineFixture.CompletionTokens),
            (result.Metrics.TotalCost, result.Metrics.InputTokens, result.Metrics.OutputTokens));
    }

    [Fact]
    public async Task RunAsync_LlmBranch_SendsTheNodesSystemAndUserMessages()
    {
        // Arrange
        var request = DurableEngineFixture.Request(FixtureFiles.Reference003Data(), new { category = "positive" });

        // Act
        await engine.RunAsync(request);

        // Assert
        Assert.Contains(engine.LlmMessagesSent, messages =>
            messages.Count == 2
            && (string?)messages[0]!["content"] == "You are a helpful assistant. Reply briefly."
            && (string?)messages[1]!["content"] == "The sentiment is positive. Provide a short encouraging response.");
    }
}
