using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

/// <summary>
/// The event feed on the real engine: the orchestrator numbers each node event as it happens, the progress carries
/// the numbers (and so the nodes' timings) while the run goes on, and the result carries the same numbers after.
/// </summary>
[Collection(DurableEngineGroup.Name)]
public sealed class RunFeedEngineTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task Events_RetryBranchApprovalSubRunAndFailure_EachIsItsOwnEventNumberedWithoutGaps()
    {
        // Arrange
        engine.Workflows.Add(DurableEngineFixture.Account, "feed-child", 1, new GraphBuilder().Trigger("ct", "echo").Llm("echo", "child").Build());
        var graph = new GraphBuilder()
            .Trigger("t", "flaky")
            .Llm("flaky", "x", new JsonObject { ["fail_times"] = 1 }, Retry(2), "cond")
            .Add("cond", NodeTypes.IfElse, new JsonObject
            {
                ["condition"] = new JsonObject { ["left"] = "yes", ["operator"] = "==", ["right"] = "yes" },
                ["true_node"] = "gate",
                ["false_node"] = "other",
            })
            .Add("gate", NodeTypes.Approval, [], "w")
            .Llm("other", "never runs")
            .Add("w", NodeTypes.Workflow, new JsonObject { ["workflow_id"] = "feed-child" }, "bad")
            .Llm("bad", "x", new JsonObject { ["fail"] = "boom" })
            .Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);
        var midRun = await engine.SnapshotAsync(runId);

        // Act
        await RunControl.ApproveAsync(engine.Client, runId, "gate", approved: true);
        await engine.CompletionAsync(runId);
        var final = await engine.SnapshotAsync(runId);
        var during = RunFeed.Events(midRun);
        var after = RunFeed.Events(final);

        // Assert: numbered 1..n without gaps, the run's events in order, exactly one terminal event, last.
        Assert.Equal(Enumerable.Range(1, after.Count), after.Select(e => e.Seq));
        Assert.Equal([RunEventType.RunQueued, RunEventType.RunStarted], after.Take(2).Select(e => e.Type));
        Assert.Equal(RunEventType.RunFailed, after[^1].Type);
        Assert.Single(after, e => e.IsTerminal);
        Assert.Equal([RunEventType.NodeStarted, RunEventType.NodeRetrying, RunEventType.NodeSucceeded], Types(after, "flaky"));
        Assert.Equal([RunEventType.NodeSkipped], Types(after, "other"));
        Assert.Equal([RunEventType.NodeStarted, RunEventType.NodeWaiting, RunEventType.NodeSucceeded], Types(after, "gate"));
        Assert.Equal([RunEventType.NodeStarted, RunEventType.NodeSucceeded], Types(after, "w"));
        Assert.Equal([RunEventType.NodeStarted, RunEventType.NodeFailed], Types(after, "bad"));
        var retry = after.Single(e => e.Type == RunEventType.NodeRetrying);
        Assert.Equal((1, "scripted failure 1", "basic-node"), (retry.Attempt, retry.Error, retry.NodeType));
        Assert.True(retry.NextAttemptAt > retry.At);
        Assert.Equal($"{runId}:w", after.Single(e => e is { NodeId: "w", Type: RunEventType.NodeSucceeded }).ChildRunId);
        Assert.Equal("boom", after.Single(e => e.Type == RunEventType.NodeFailed).Error);

        // The feed read mid-run is the start of the feed read after the end: the same numbers, the same events.
        Assert.Contains(during, e => e is { NodeId: "gate", Type: RunEventType.NodeWaiting });
        Assert.Equal(during.Select(Key), after.Take(during.Count).Select(Key));
    }

    [Fact]
    public async Task Snapshot_WhileRunning_NodesHaveTheirTimings()
    {
        // Arrange
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "x", null, null, "gate").Add("gate", NodeTypes.Approval, []).Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        var run = await engine.SnapshotAsync(runId);

        // Assert
        var a = run.Nodes.Single(n => n.Id == "a");
        var gate = run.Nodes.Single(n => n.Id == "gate");
        Assert.Equal(RunState.Running, run.State);
        Assert.NotNull(a.StartedAt);
        Assert.True(a.CompletedAt >= a.StartedAt);
        Assert.Equal("basic-node", a.Type);
        Assert.NotNull(gate.StartedAt);
        Assert.Null(gate.CompletedAt);
        await RunControl.CancelAsync(engine.Client, runId, "done", TimeSpan.FromSeconds(30));
    }

    private static RunEventType[] Types(IReadOnlyList<RunEvent> events, string nodeId) => [.. events.Where(e => e.NodeId == nodeId).Select(e => e.Type)];

    private static (int, RunEventType, string?, DateTimeOffset) Key(RunEvent e) => (e.Seq, e.Type, e.NodeId, e.At);

    private static JsonObject Retry(int maxAttempts) => new() { ["retry"] = new JsonObject { ["max_attempts"] = maxAttempts, ["backoff_seconds"] = 0.1 } };
}
