using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class CustomStatusTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task RunAsync_CancelledNodeTimerFiresWhileWaiting_StatusStillReportsEveryNode()
    {
        // Arrange: "quick" succeeds at once, so its 1 s timeout timer is cancelled; Durable timers still fire,
        // and that episode replays the run without resuming any orchestrator code.
        var graph = new GraphBuilder()
            .Trigger("t", "quick")
            .Llm("quick", "x", extra: new JsonObject { ["timeout_seconds"] = 1 }, next: "gate")
            .Add("gate", NodeTypes.Approval, [])
            .Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));
        await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);

        // Act
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        // Assert
        var metadata = await engine.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        var progress = metadata!.ReadCustomStatusAs<WorkflowRunProgress>();
        Assert.NotNull(progress);
        Assert.Equal((RunStatus.Waiting, NodeStatus.Succeeded, NodeStatus.Waiting), (progress.Status, progress.Nodes["quick"], progress.Nodes["gate"]));
        await RunControl.CancelAsync(engine.Client, runId, "test cleanup", TimeSpan.FromSeconds(30));
    }
}
