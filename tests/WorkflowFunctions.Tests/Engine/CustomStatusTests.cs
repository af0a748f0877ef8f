using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class CustomStatusTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task RunAsync_CancelledApprovalTimerFiresWhileWaiting_StatusStillReportsEveryNode()
    {
        // Arrange: "first" is approved at once, so its 1 s timeout timer is cancelled; Durable timers still fire,
        // and that episode (during the wait for "second") replays the run without resuming any orchestrator code.
        var graph = new GraphBuilder()
            .Trigger("t", "first")
            .Add("first", NodeTypes.Approval, new JsonObject { ["timeout_seconds"] = 1 }, "second")
            .Add("second", NodeTypes.Approval, [])
            .Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["first"] == NodeStatus.Waiting);
        await RunControl.ApproveAsync(engine.Client, runId, "first", approved: true);
        await engine.ProgressWhenAsync(runId, p => p.Nodes["second"] == NodeStatus.Waiting);

        // Act
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        // Assert
        var metadata = await engine.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        var progress = metadata!.ReadCustomStatusAs<WorkflowRunProgress>();
        Assert.NotNull(progress);
        Assert.Equal((RunStatus.Waiting, NodeStatus.Succeeded, NodeStatus.Waiting), (progress.Status, progress.Nodes["first"], progress.Nodes["second"]));
        await RunControl.CancelAsync(engine.Client, runId, "test cleanup", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_RunCompleted_KeepsNoCustomStatusBesideItsOutput()
    {
        // Arrange
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "x").Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.CompletionAsync(runId);

        // Assert
        var metadata = await engine.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        Assert.Null(metadata!.SerializedCustomStatus);
        Assert.Equal(RunStatus.Succeeded, metadata.ReadOutputAs<WorkflowRunResult>()!.Status);
    }
}
