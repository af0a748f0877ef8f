using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

/// <summary>
/// Runs that continue as new from checkpoints on the real engine (its own engine, checkpointing every three I/O nodes):
/// the run ends as it would in one generation.
/// </summary>
[Collection(CheckpointEngineGroup.Name)]
public sealed class CheckpointTests(CheckpointEngineFixture engine)
{
    [Fact]
    public async Task LongChain_ContinuesAsNewEveryFewNodes_EndsWithEveryResultEventAndBudgetOfOneGeneration()
    {
        // Arrange: ten LLM nodes in a chain, each quoting the one before it and the first, so a node after a checkpoint
        // reads results from before it; a branch whose other side is skipped; a node that fails once and is retried.
        var graph = new GraphBuilder().Trigger("t", "n1");
        for (var i = 1; i <= 10; i++)
        {
            var message = i == 1 ? "first" : $"{i}<{{{{ n{i - 1}.result.content }}}}|{{{{ n1.result.content }}}}>";
            var script = i == 5 ? new JsonObject { ["fail_times"] = 1 } : null;
            var extra = i == 5 ? new JsonObject { ["retry"] = new JsonObject { ["max_attempts"] = 2, ["backoff_seconds"] = 0.1 } } : null;
            graph.Llm($"n{i}", message, script, extra, i == 10 ? "cond" : $"n{i + 1}");
        }

        graph.Add("cond", NodeTypes.IfElse, new JsonObject
        {
            ["condition"] = new JsonObject { ["left"] = "{{ n1.result.content }}", ["operator"] = "==", ["right"] = "first" },
            ["true_node"] = "out",
            ["false_node"] = "never",
        });
        graph.Add("out", NodeTypes.Output, new JsonObject { ["output"] = "{{ n10.result.content }}" });
        graph.Llm("never", "skipped");
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph.Build()));

        // Act
        var result = await engine.CompletionAsync(runId);

        // Assert: the run checkpointed after nodes 3, 6 and 9 (a checkpoint waits for a node with ready successors).
        var metadata = await engine.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        var checkpoint = metadata!.ReadInputAs<WorkflowRunRequest>()!.Checkpoint;
        Assert.Equal(3, checkpoint?.GetProperty("generation").GetInt32());
        Assert.Equal(RunStatus.Succeeded, result.Status);
        var expected = "first";
        for (var i = 2; i <= 10; i++)
        {
            expected = $"{i}<{expected}|first>";
        }

        Assert.Equal(expected, (string?)result.Nodes["n10"].Result!["content"]);
        Assert.Equal(NodeStatus.Succeeded, result.Nodes["out"].Status);
        Assert.Equal(2, result.Nodes["n5"].Attempts);
        Assert.Equal(NodeStatus.Skipped, result.Nodes["never"].Status);
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(NodeStatus.Succeeded, result.Nodes[$"n{i}"].Status));

        // The run kept its start (which its run timer counts from) across the generations: it started before its first node.
        Assert.True(result.StartedAt <= result.Nodes["n1"].StartedAt, $"run started {result.StartedAt:O}, n1 {result.Nodes["n1"].StartedAt:O}");

        // Every node executed once across the generations: the budget went on from the checkpoint, not from zero.
        Assert.Equal(13, result.Metrics.NodeExecutions);

        // The events are numbered without a gap or a repeat across the generations, and each node's come in order.
        var events = RunFeed.Events(await engine.SnapshotAsync(runId));
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Seq));
        Assert.Equal(
            [RunEventType.NodeStarted, RunEventType.NodeRetrying, RunEventType.NodeSucceeded],
            events.Where(e => e.NodeId == "n5").Select(e => e.Type));
        Assert.Equal(
            Enumerable.Range(1, 10).Select(i => $"n{i}"),
            events.Where(e => e.Type == RunEventType.NodeSucceeded && e.NodeId!.StartsWith('n') && e.NodeId != "never").Select(e => e.NodeId!));
        // (The queued event is left out: a run without an index entry reads it from the instance's latest generation.)
        var timed = events.Skip(1).ToList();
        Assert.True(timed.Zip(timed.Skip(1)).All(pair => pair.First.At <= pair.Second.At), "event times go forward across generations");
    }

    [Fact]
    public async Task Cancel_AfterTheRunContinuedAsNew_StopsItWithTheReason()
    {
        // Arrange: the fifth node hangs (until its 3 s timeout, as in RunControlTests), so the run waits in its second generation.
        var hang = new JsonObject { ["timeout_seconds"] = 3, ["retry"] = new JsonObject { ["max_attempts"] = 1 } };
        var graph = new GraphBuilder()
            .Trigger("t", "a")
            .Llm("a", "a", null, null, "b")
            .Llm("b", "b", null, null, "c")
            .Llm("c", "c", null, null, "d")
            .Llm("d", "d", null, null, "slow")
            .Llm("slow", "x", new JsonObject { ["hang"] = true }, hang, "after")
            .Llm("after", "never")
            .Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["slow"] == NodeStatus.Running);

        // Act
        var outcome = await RunControl.CancelAsync(engine.Client, runId, "stop after the checkpoint", TimeSpan.FromSeconds(60));

        // Assert
        var result = await engine.CompletionAsync(runId);
        var metadata = await engine.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        Assert.Equal(1, metadata!.ReadInputAs<WorkflowRunRequest>()!.Checkpoint?.GetProperty("generation").GetInt32());
        Assert.Equal(RunControlOutcome.Cancelled, outcome);
        Assert.Equal((RunStatus.Cancelled, "stop after the checkpoint"), (result.Status, result.Error!.Message));
        Assert.Equal(
            (NodeStatus.Succeeded, NodeStatus.Cancelled, NodeStatus.Cancelled),
            (result.Nodes["a"].Status, result.Nodes["slow"].Status, result.Nodes["after"].Status));
    }
}
