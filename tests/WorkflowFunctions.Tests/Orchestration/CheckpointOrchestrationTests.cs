using System.Text.Json;
using System.Text.Json.Nodes;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// A run's checkpoint over a mocked context: when it is taken, what it holds, that the next generation starts where
/// it left off and ends as one generation would, and that a cancel raised after it is sent on.
/// </summary>
public sealed class CheckpointOrchestrationTests
{
    private static readonly OrchestrationOptions EveryTwo = new() { CheckpointEveryNodes = 2 };
    private static readonly OrchestrationOptions Never = new() { CheckpointEveryNodes = 0 };

    private static JsonElement Chain() => new GraphBuilder()
        .Trigger("t", "a")
        .Llm("a", "a", null, null, "b")
        .Llm("b", "b", null, null, "c")
        .Llm("c", "after {{ a.result.content }} and {{ b.result.content }}")
        .Build();

    /// <summary>The request the first generation of <see cref="Chain"/> continues as new with, after "a" and "b".</summary>
    private static WorkflowRunRequest FirstGeneration()
    {
        WorkflowRunRequest? next = null;
        using var first = new OrchestrationHarness();
        first.Context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), true)).Callback((object? input, bool _) => next = (WorkflowRunRequest)input!);
        _ = first.Start(Chain(), options: EveryTwo);
        first.Succeed("a", "A");
        first.Succeed("b", "B");
        return next ?? throw new InvalidOperationException("The first generation did not continue as new.");
    }

    [Fact]
    public async Task SecondNodeEnds_ContinuesAsNewBeforeTheThirdStarts_WithEveryNodeTransitionAndBudget()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        WorkflowRunRequest? next = null;
        harness.Context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), true)).Callback((object? input, bool _) => next = (WorkflowRunRequest)input!);
        var run = harness.Start(Chain(), options: EveryTwo);
        harness.Succeed("a", "A");

        // Act
        harness.Succeed("b", "B");

        // Assert: the generation ends (no result of its own) before "c" is scheduled.
        Assert.True(run.IsCompletedSuccessfully);
        Assert.Null(await run);
        Assert.Equal(["a", "b"], harness.ScheduledNodes);
        var checkpoint = next!.Checkpoint!.Value.Deserialize<RunCheckpoint>(DurablePayloadJson.Options)!;
        Assert.Equal(1, checkpoint.Generation);
        Assert.Equal(["t", "a", "b"], checkpoint.Transitions.Select(t => t.NodeId));
        Assert.Equal(["t", "a", "b"], checkpoint.Nodes.Select(n => n.Node.Id));
        Assert.Equal("B", (string?)checkpoint.Nodes[2].Node.Result!["content"]);
        Assert.Equal(3, checkpoint.Budget.NodeExecutionsUsed);
        Assert.Equal(checkpoint.Nodes[2].Timeline!.End!.Value.Seq, checkpoint.LastSeq);
        Assert.Equal("wf", next.WorkflowId);
    }

    [Fact]
    public void SecondNodeEndsInAReplay_TakesNoCheckpoint_TheReplayFollowsItsHistory()
    {
        // Arrange: a history recorded with checkpoints off (or a larger setting) replays under a setting of two.
        using var harness = new OrchestrationHarness();
        harness.Context.SetupGet(c => c.IsReplaying).Returns(true);
        _ = harness.Start(Chain(), options: EveryTwo);
        harness.Succeed("a");

        // Act
        harness.Succeed("b");

        // Assert
        harness.Context.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()), Times.Never);
        Assert.Equal(["a", "b", "c"], harness.ScheduledNodes);
    }

    [Fact]
    public async Task CancelRaisedLaterInTheEpisode_IsSentOnToTheNextGeneration()
    {
        // Arrange: the run's own cancel wait, completed by the test.
        using var harness = new OrchestrationHarness();
        var cancel = new TaskCompletionSource<RunCancellation>();
        harness.Context.Setup(c => c.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, It.IsAny<CancellationToken>())).Returns(cancel.Task);
        var run = harness.Start(Chain(), options: EveryTwo);
        harness.Succeed("a");
        harness.Succeed("b");
        harness.Context.Verify(c => c.ContinueAsNew(It.IsAny<object?>(), true), Times.Once);

        // Act: the cancel arrives after the checkpoint, in the same episode.
        cancel.SetResult(new RunCancellation("late"));

        // Assert: the engine runs the continuation inside the episode, on the orchestration's scheduler; without one, as
        // here, the runtime may run it on the thread pool a moment later, so the test waits for it (at most 10 s).
        Assert.Null(await run);
        for (var waited = 0; waited < 200 && !harness.Context.Invocations.Any(i => i.Method.Name == "SendEvent"); waited++)
        {
            await Task.Delay(50);
        }

        harness.Context.Verify(c => c.SendEvent("run-1", RunEvents.Cancel, new RunCancellation("late")), Times.Once);
    }

    [Fact]
    public async Task NextGeneration_StartsTheReadyNodesAndEndsAsOneGenerationWould()
    {
        // Arrange: the first generation, then the same run without checkpoints.
        var next = FirstGeneration();

        WorkflowRunResult whole;
        WorkflowRunProgress wholeStatus;
        using (var one = new OrchestrationHarness())
        {
            var run = one.Start(Chain(), options: Never);
            one.Succeed("a", "A");
            one.Succeed("b", "B");
            wholeStatus = one.Status!;
            one.Succeed("c", "C");
            whole = await run;
        }

        // Act
        using var harness = new OrchestrationHarness();
        var resumed = harness.Run(next, EveryTwo);

        // Assert: only "c" runs, with both results before the checkpoint in its scope.
        Assert.Equal(["c"], harness.ScheduledNodes);
        Assert.Equal(["a", "b"], harness.Requests["c"].Nodes!.Select(n => n.Key).Order());
        Assert.Equal(
            JsonSerializer.Serialize(wholeStatus.Timeline),
            JsonSerializer.Serialize(harness.Status!.Timeline));
        harness.Succeed("c", "C");
        var result = await resumed;
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(JsonSerializer.Serialize(whole.Nodes), JsonSerializer.Serialize(result.Nodes));
        Assert.Equal(JsonSerializer.Serialize(whole.Timeline), JsonSerializer.Serialize(result.Timeline));
        Assert.Equal((whole.Seq, whole.Metrics.NodeExecutions), (result.Seq, result.Metrics.NodeExecutions));
    }

    [Fact]
    public async Task EveryEpisodeOfAGeneration_RestoresTheSameSharedCheckpoint_AndNoneChangesIt()
    {
        // Arrange: the first generation's checkpoint.
        var next = FirstGeneration();
        var text = next.Checkpoint!.Value.GetRawText();

        // Act: two episodes of the next generation (the second replays the first's node), each to the run's end.
        var results = new List<WorkflowRunResult>();
        var scopes = new List<string>();
        for (var episode = 0; episode < 2; episode++)
        {
            using var harness = new OrchestrationHarness();
            var run = harness.Run(next, EveryTwo);
            scopes.Add(JsonSerializer.Serialize(harness.Requests["c"].Nodes));
            harness.Succeed("c", "C");
            results.Add(await run);
        }

        // Assert: one restored checkpoint for both, unchanged by either, and the same run each time.
        Assert.Same(RestoredCheckpoint.Of(next.Checkpoint!.Value), RestoredCheckpoint.Of(JsonDocument.Parse(text).RootElement));
        Assert.Equal(text, JsonSerializer.Serialize(RestoredCheckpoint.Of(next.Checkpoint!.Value).Checkpoint, DurablePayloadJson.Options));
        Assert.Equal(JsonSerializer.Serialize(results[0].Nodes), JsonSerializer.Serialize(results[1].Nodes));
        Assert.Equal(["A", "B"], new[] { "a", "b" }.Select(id => (string?)JsonNode.Parse(scopes[1])![id]!["result"]!["content"]));
        Assert.Equal(scopes[0], scopes[1]);
    }
}
