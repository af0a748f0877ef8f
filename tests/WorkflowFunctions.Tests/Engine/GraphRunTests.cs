using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class GraphRunTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task RunAsync_DiamondJoin_JoinRunsOnceWithBothBranchResults()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "a", "b")
            .Llm("a", "A", next: "c")
            .Llm("b", "B", next: "c")
            .Llm("c", "{{ a.result.content }}+{{ b.result.content }}")
            .Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        var result = await engine.CompletionAsync(runId);

        // Assert
        Assert.Equal("A+B", (string?)result.Nodes["c"].Result!["content"]);
        Assert.Equal(1, engine.Journal.For(runId, "c").Attempts);
    }

    [Fact]
    public async Task RunAsync_ParallelBranches_ExecutionsOverlap()
    {
        // Arrange: each branch waits until the other is executing too, so a sequential run would fail.
        var meet = new JsonObject { ["rendezvous"] = "p", ["parties"] = 2 };
        var graph = new GraphBuilder()
            .Trigger("t", "a", "b")
            .Llm("a", "A", (JsonObject)meet.DeepClone(), OneAttempt())
            .Llm("b", "B", (JsonObject)meet.DeepClone(), OneAttempt())
            .Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        var result = await engine.CompletionAsync(runId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        var a = engine.Journal.For(runId, "a");
        var b = engine.Journal.For(runId, "b");
        Assert.True(a.StartedAt < b.EndedAt && b.StartedAt < a.EndedAt, "the two branches' executions did not overlap");
    }

    [Fact]
    public async Task RunAsync_NodeReadyWhileSiblingRuns_StartsWithoutWaitingForSibling()
    {
        // Arrange: "slow" can only finish once "next" (after "fast") is executing, which fails under wave scheduling.
        var meet = new JsonObject { ["rendezvous"] = "w", ["parties"] = 2 };
        var graph = new GraphBuilder()
            .Trigger("t", "slow", "fast")
            .Llm("slow", "S", (JsonObject)meet.DeepClone(), OneAttempt())
            .Llm("fast", "F", next: "next")
            .Llm("next", "N", (JsonObject)meet.DeepClone(), OneAttempt())
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task RunAsync_FailingNodeContinuesOnError_RunSucceedsAndRecordsFailure()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "bad")
            .Llm("bad", "x", new JsonObject { ["fail"] = "permanently broken" }, new JsonObject { ["continue_on_error"] = true }, "after")
            .Llm("after", "still ran")
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal((NodeStatus.Failed, "permanently broken"), (result.Nodes["bad"].Status, result.Nodes["bad"].Error));
        Assert.Equal(NodeStatus.Succeeded, result.Nodes["after"].Status);
    }

    [Fact]
    public async Task RunAsync_FailingNodeWithoutContinueOnError_RunFailsAndDownstreamCancelled()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "bad")
            .Llm("bad", "x", new JsonObject { ["fail"] = "broken" }, null, "after")
            .Llm("after", "never")
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("bad", result.Error!.NodeId);
        Assert.Equal(NodeStatus.Cancelled, result.Nodes["after"].Status);
    }

    [Fact]
    public async Task RunAsync_UnknownNodeType_NodeFailsNamingType()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "m")
            .Add("m", "mystery-node", [])
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("mystery-node", result.Nodes["m"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NodesReportCost_MetricsSumCostAndTokens()
    {
        // Arrange
        var graph = new GraphBuilder()
            .Trigger("t", "a", "b")
            .Llm("a", "A", new JsonObject { ["cost"] = 0.25, ["input_tokens"] = 10, ["output_tokens"] = 3 })
            .Llm("b", "B", new JsonObject { ["cost"] = 0.5, ["input_tokens"] = 5, ["output_tokens"] = 4 })
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(graph));

        // Assert
        Assert.Equal((0.75m, 15L, 7L), (result.Metrics.TotalCost, result.Metrics.InputTokens, result.Metrics.OutputTokens));
    }

    private static JsonObject OneAttempt() => new() { ["retry"] = new JsonObject { ["max_attempts"] = 1 } };
}
