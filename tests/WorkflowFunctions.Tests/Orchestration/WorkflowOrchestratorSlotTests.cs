using Microsoft.DurableTask;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// A capped run waits for a slot of its workflow before its first node: it claims one, waits in line (published as
/// queued with its position) until it is handed one, re-checks on a timer, can be cancelled while it waits, and wakes the
/// runs its slot goes to when it ends. An uncapped run does none of it.
/// </summary>
public sealed class WorkflowOrchestratorSlotTests : IDisposable
{
    private static readonly DateTime Now = OrchestrationHarness.Now;
    private static readonly RunIndexEntry Index = new() { CreatedAt = new DateTimeOffset(Now.AddSeconds(-5), TimeSpan.Zero) };
    private static readonly RunSlot Slot = new() { MaxConcurrentRuns = 10, CapReadAt = Index.CreatedAt };

    private readonly OrchestrationHarness _harness = new();
    private readonly List<RunSlotClaim> _claims = [];
    private readonly List<TaskCompletionSource<RunSlotGrant>> _grants = [];
    private readonly TaskCompletionSource<RunSlotGrant> _slotEvent = new();
    private readonly TaskCompletionSource<RunCancellation> _cancelEvent = new();
    private readonly List<RunCompletion> _recorded = [];
    private readonly List<(string RunId, string Event)> _sent = [];

    public WorkflowOrchestratorSlotTests()
    {
        var context = _harness.Context;
        context.Setup(c => c.CallActivityAsync<RunSlotGrant>(FunctionNames.ClaimRunSlot, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                _claims.Add((RunSlotClaim)input!);
                _grants.Add(new TaskCompletionSource<RunSlotGrant>());
                return _grants[^1].Task;
            });
        context.Setup(c => c.WaitForExternalEvent<RunSlotGrant>(RunEvents.Slot, It.IsAny<CancellationToken>())).Returns(_slotEvent.Task);
        context.Setup(c => c.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, It.IsAny<CancellationToken>())).Returns(_cancelEvent.Task);
        context.Setup(c => c.CallActivityAsync<IReadOnlyList<string>?>(FunctionNames.RecordRunCompletion, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                _recorded.Add((RunCompletion)input!);
                return Task.FromResult<IReadOnlyList<string>?>(["run-next"]);
            });
        context.Setup(c => c.SendEvent(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>()))
            .Callback((string id, string name, object _) => _sent.Add((id, name)));
    }

    [Fact]
    public void RunAsync_CappedRunWithAFreeSlot_ClaimsItBeforeItsFirstNode()
    {
        // Arrange
        _harness.Start(Graph(), index: Index, slot: Slot);
        Assert.Empty(_harness.ScheduledNodes);

        // Act
        _grants[0].SetResult(new RunSlotGrant { Held = true });

        // Assert
        Assert.Equal(["a"], _harness.ScheduledNodes);
        var claim = Assert.Single(_claims);
        Assert.Equal(("run-1", "wf", 10, Index.CreatedAt, false), (claim.RunId, claim.WorkflowId, claim.MaxConcurrentRuns, claim.QueuedAt, claim.Recheck));
        Assert.Equal(Now.AddSeconds(900), Assert.Single(_harness.Timers).FireAt);
    }

    [Fact]
    public void RunAsync_NoSlotFree_IsQueuedWithItsPositionUntilHandedOne()
    {
        // Arrange
        _harness.Start(Graph(), index: Index, slot: Slot);

        // Act
        _grants[0].SetResult(new RunSlotGrant { Held = false, Position = 3 });

        // Assert
        Assert.Empty(_harness.ScheduledNodes);
        var queued = _harness.Status!;
        Assert.Equal((RunStatus.Queued, 3, (DateTime?)null, Index.CreatedAt), (queued.Status, queued.QueuePosition, queued.StartedAt, queued.QueuedAt));
        Assert.Equal(NodeStatus.Queued, queued.Nodes["a"]);

        // Act
        _slotEvent.SetResult(RunSlotGrant.Handed);

        // Assert
        Assert.Equal(["a"], _harness.ScheduledNodes);
        Assert.Single(_claims);
        Assert.Equal((RunStatus.Running, (int?)null), (_harness.Status!.Status, _harness.Status!.QueuePosition));
    }

    [Fact]
    public void RunAsync_RecheckFires_ClaimsAgainAndWakesTheRunsItsClaimPromoted()
    {
        // Arrange
        _harness.Start(Graph(), index: Index, slot: Slot);
        _grants[0].SetResult(new RunSlotGrant { Held = false, Position = 1 });
        var recheckAt = Now.AddSeconds(60);

        // Act
        _harness.Fire(recheckAt);
        _grants[1].SetResult(new RunSlotGrant { Held = true, Wake = ["run-0"] });

        // Assert
        Assert.True(_claims[1].Recheck);
        Assert.Equal([("run-0", RunEvents.Slot)], _sent);
        Assert.Equal(["a"], _harness.ScheduledNodes);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_EndsCancelledAndGivesUpItsPlace()
    {
        // Arrange
        var run = _harness.Start(Graph(), index: Index, slot: Slot);
        _grants[0].SetResult(new RunSlotGrant { Held = false, Position = 2 });

        // Act
        _cancelEvent.SetResult(new RunCancellation("stop"));
        var result = await run;

        // Assert
        Assert.Equal((RunStatus.Cancelled, "stop"), (result.Status, result.Error!.Message));
        Assert.Empty(_harness.ScheduledNodes);
        Assert.Equal(NodeStatus.Cancelled, result.Nodes["a"].Status);
        var slot = Assert.Single(_recorded).Slot!;
        Assert.Equal(("run-1", Index.CreatedAt, false), (slot.RunId, slot.QueuedAt, slot.Recheck));
    }

    [Fact]
    public async Task RunAsync_CappedRunEnds_WakesTheRunsItsSlotWentTo()
    {
        // Arrange
        var run = _harness.Start(Graph(), index: Index, slot: Slot);
        _grants[0].SetResult(new RunSlotGrant { Held = true });

        // Act
        _harness.Succeed("a");
        await run;

        // Assert
        Assert.NotNull(Assert.Single(_recorded).Slot);
        Assert.Equal([("run-next", RunEvents.Slot)], _sent);
    }

    [Fact]
    public async Task RunAsync_Uncapped_ClaimsNothing()
    {
        // Arrange
        var run = _harness.Start(Graph(), index: Index);

        // Act
        _harness.Succeed("a");
        await run;

        // Assert
        Assert.Empty(_claims);
        Assert.Null(Assert.Single(_recorded).Slot);
    }

    public void Dispose() => _harness.Dispose();

    private static System.Text.Json.JsonElement Graph() => new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
}
