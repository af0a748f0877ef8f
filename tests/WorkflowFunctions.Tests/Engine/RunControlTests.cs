using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class RunControlTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task CancelAsync_RunningRun_FinishesCancelledWithReasonAndCancelledNodes()
    {
        // Arrange
        var data = new JsonObject { ["timeout_seconds"] = 3, ["retry"] = new JsonObject { ["max_attempts"] = 1 } };
        var graph = new GraphBuilder()
            .Trigger("t", "slow")
            .Llm("slow", "x", new JsonObject { ["hang"] = true }, data, "after")
            .Llm("after", "never")
            .Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["slow"] == NodeStatus.Running);

        // Act
        var outcome = await RunControl.CancelAsync(engine.Client, runId, "user asked", TimeSpan.FromSeconds(30));

        // Assert
        var result = await engine.CompletionAsync(runId);
        Assert.Equal(RunControlOutcome.Cancelled, outcome);
        Assert.Equal((RunStatus.Cancelled, "user asked"), (result.Status, result.Error!.Message));
        Assert.Equal((NodeStatus.Cancelled, NodeStatus.Cancelled), (result.Nodes["slow"].Status, result.Nodes["after"].Status));
    }

    [Fact]
    public async Task CancelAsync_ZeroGrace_TerminatesWithTheReasonWithoutAskingTheRun()
    {
        // Arrange
        var runId = await engine.StartAsync(DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: null)));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        var outcome = await RunControl.CancelAsync(engine.Client, runId, "at once", TimeSpan.Zero);

        // Assert: terminated, so no result of its own (a cancel event would have completed it with one).
        var metadata = await engine.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true);
        Assert.Equal(RunControlOutcome.Terminated, outcome);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated, metadata.RuntimeStatus);
        Assert.Contains("at once", metadata.SerializedOutput ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_ZeroGrace_TerminatedRunKeepsItsLastProgress()
    {
        // Arrange: the event feed of a terminated run continues from the last progress it published.
        var runId = await engine.StartAsync(DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: null)));
        var (waiting, _) = await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        await RunControl.CancelAsync(engine.Client, runId, "at once", TimeSpan.Zero);

        // Assert
        var metadata = await engine.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true);
        var kept = metadata.ReadCustomStatusAs<WorkflowFunctions.Orchestration.Contracts.WorkflowRunProgress>();
        Assert.NotNull(kept);
        Assert.Equal((waiting.Seq, NodeStatus.Waiting), (kept.Seq, kept.Nodes["gate"]));
        Assert.NotNull(kept.Timeline["gate"].Wait);
    }

    [Fact]
    public async Task FromOrchestration_TerminatedRun_KeepsItsLastNodeStatesWithUnfinishedNodesCancelled()
    {
        // Arrange
        var runId = await engine.StartAsync(DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: null)));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);
        await RunControl.CancelAsync(engine.Client, runId, "at once", TimeSpan.Zero);
        var metadata = await engine.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true);

        // Act
        var run = RunSnapshots.FromOrchestration(runId, metadata, RunRequestHeader.Read(metadata.SerializedInput)!, tableRows: 1000);

        // Assert: the states a client polling the run saw last, never an empty list for a run that had started.
        Assert.Equal((RunStatus.Cancelled, RunState.Terminated), (run.Status, run.State));
        var nodes = run.Nodes.ToDictionary(n => n.Id, n => n.Status);
        Assert.Equal(NodeStatus.Succeeded, nodes["t"]);
        Assert.Equal(NodeStatus.Cancelled, nodes["gate"]);
        Assert.NotNull(run.Nodes.Single(n => n.Id == "t").Result);
    }

    [Fact]
    public async Task ApproveAsync_Approved_NodeSucceedsAndPassesDataDownstream()
    {
        // Arrange
        var runId = await engine.StartAsync(DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: null)));
        var (waiting, _) = await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        var outcome = await RunControl.ApproveAsync(engine.Client, runId, "gate", approved: true, JsonValue.Create("ship it"));

        // Assert
        var result = await engine.CompletionAsync(runId);
        Assert.Equal((RunStatus.Waiting, RunControlOutcome.Sent), (waiting.Status, outcome));
        Assert.Equal(true, (bool?)result.Nodes["gate"].Result!["approved"]);
        Assert.Equal("after ship it", (string?)result.Nodes["after"].Result!["content"]);
    }

    [Fact]
    public async Task ApproveAsync_Rejected_NodeFailsAndRunFails()
    {
        // Arrange
        var runId = await engine.StartAsync(DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: null)));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        await RunControl.ApproveAsync(engine.Client, runId, "gate", approved: false, JsonValue.Create("not today"));

        // Assert
        var result = await engine.CompletionAsync(runId);
        Assert.Equal((RunStatus.Failed, "gate"), (result.Status, result.Error!.NodeId));
        Assert.Equal((NodeStatus.Failed, "Rejected: not today"), (result.Nodes["gate"].Status, result.Nodes["gate"].Error));
    }

    [Fact]
    public async Task RunAsync_ApprovalTimesOut_NodeRejected()
    {
        // Arrange
        var request = DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: 1));

        // Act
        var result = await engine.RunAsync(request);

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("Approval timed out after 1s: rejected", result.Nodes["gate"].Error);
    }

    [Fact]
    public async Task ApproveAsync_NodeNotWaiting_ReturnsNotWaiting()
    {
        // Arrange
        var runId = await engine.StartAsync(DurableEngineFixture.Request(ApprovalGraph(timeoutSeconds: null)));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        var outcome = await RunControl.ApproveAsync(engine.Client, runId, "after", approved: true);

        // Assert
        Assert.Equal(RunControlOutcome.NotWaiting, outcome);
        await RunControl.CancelAsync(engine.Client, runId, "test cleanup", TimeSpan.FromSeconds(30));
    }

    private static System.Text.Json.JsonElement ApprovalGraph(int? timeoutSeconds)
    {
        var gate = new JsonObject { ["label"] = "Approve?" };
        if (timeoutSeconds is { } seconds)
        {
            gate["timeout_seconds"] = seconds;
        }

        return new GraphBuilder()
            .Trigger("t", "gate")
            .Add("gate", NodeTypes.Approval, gate, "after")
            .Llm("after", "after {{ gate.result.content }}")
            .Build();
    }
}
