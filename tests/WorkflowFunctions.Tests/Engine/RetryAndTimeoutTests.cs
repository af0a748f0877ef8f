using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class RetryAndTimeoutTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task RunAsync_NodeFailsTwiceThenSucceeds_SucceedsOnThirdAttempt()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "flaky")
            .Llm("flaky", "ok", new JsonObject { ["fail_times"] = 2 }, Retry(3))
            .Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        var result = await engine.CompletionAsync(runId);

        // Assert
        Assert.Equal((NodeStatus.Succeeded, 3), (result.Nodes["flaky"].Status, result.Nodes["flaky"].Attempts));
        Assert.Equal(3, engine.Journal.For(runId, "flaky").Attempts);
    }

    [Fact]
    public async Task RunAsync_NodeFailsEveryAttempt_RunFailsAfterMaxAttempts()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "broken")
            .Llm("broken", "x", new JsonObject { ["fail_times"] = 10 }, Retry(2))
            .Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        var result = await engine.CompletionAsync(runId);

        // Assert
        Assert.Equal((RunStatus.Failed, "broken"), (result.Status, result.Error!.NodeId));
        Assert.Equal((2, "scripted failure 2"), (result.Nodes["broken"].Attempts, result.Nodes["broken"].Error));
        Assert.Equal(2, engine.Journal.For(runId, "broken").Attempts);
    }

    [Fact]
    public async Task RunAsync_NonRetryableFailure_IsNotRetried()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "broken")
            .Llm("broken", "x", new JsonObject { ["fail"] = "bad configuration" }, Retry(3))
            .Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.CompletionAsync(runId);

        // Assert
        Assert.Equal(1, engine.Journal.For(runId, "broken").Attempts);
    }

    [Fact]
    public async Task RunAsync_NodeOutlivesItsTimeout_NodeFailsTimedOut()
    {
        // Arrange
        var data = Retry(1);
        data["timeout_seconds"] = 1;
        var graph = new GraphBuilder()
            .Trigger("t", "slow")
            .Llm("slow", "x", new JsonObject { ["hang"] = true }, data)
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal((RunStatus.Failed, NodeStatus.Failed), (result.Status, result.Nodes["slow"].Status));
        Assert.Equal("timed out after 1s", result.Nodes["slow"].Error);
    }

    [Fact]
    public async Task RunAsync_AttemptTimesOutThenSucceeds_TimeoutIsPerAttemptAndRetried()
    {
        // Arrange: the first attempt hangs past the 1 s timeout, the second answers at once.
        var data = Retry(2);
        data["timeout_seconds"] = 1;
        var graph = new GraphBuilder()
            .Trigger("t", "slow")
            .Llm("slow", "ok", new JsonObject { ["hang_times"] = 1 }, data)
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal((RunStatus.Succeeded, NodeStatus.Succeeded, 2), (result.Status, result.Nodes["slow"].Status, result.Nodes["slow"].Attempts));
    }

    [Fact]
    public async Task RunAsync_RunOutlivesRunTimeout_RunFailsAndUnfinishedNodesCancelled()
    {
        // Arrange
        var data = Retry(1);
        data["timeout_seconds"] = 3;
        var graph = new GraphBuilder()
            .Trigger("t", "slow")
            .Llm("slow", "x", new JsonObject { ["hang"] = true }, data, "after")
            .Llm("after", "never")
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph, timeoutSeconds: 1));

        // Assert
        Assert.Equal((RunStatus.Failed, "Run timed out after 1s"), (result.Status, result.Error!.Message));
        Assert.Equal((NodeStatus.Cancelled, NodeStatus.Cancelled), (result.Nodes["slow"].Status, result.Nodes["after"].Status));
    }

    private static JsonObject Retry(int maxAttempts) =>
        new() { ["retry"] = new JsonObject { ["max_attempts"] = maxAttempts, ["backoff_seconds"] = 0.1 } };
}
