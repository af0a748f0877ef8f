using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// Runs the orchestrator over a mocked <see cref="TaskOrchestrationContext"/> whose activities and timers are
/// completed by the test. The synchronization context is cleared so completing a task runs the orchestrator's
/// continuation at once, on the test's thread: every assertion sees a settled state, with no waiting.
/// </summary>
internal sealed class OrchestrationHarness : IDisposable
{
    public static readonly DateTime Now = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly SynchronizationContext? _previous = SynchronizationContext.Current;
    private object? _status;

    public OrchestrationHarness()
    {
        SynchronizationContext.SetSynchronizationContext(null);
        Context.SetupGet(c => c.InstanceId).Returns("run-1");
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        Context.Setup(c => c.CreateReplaySafeLogger<WorkflowOrchestrator>()).Returns(NullLogger.Instance);
        Context.Setup(c => c.CallActivityAsync<NodeExecutionResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? options) =>
            {
                var request = (NodeExecutionRequest)((ScheduledInput)input!).Value;
                var activity = new TaskCompletionSource<NodeExecutionResult>();
                Scheduled.Add((request.NodeId, options));
                Requests[request.NodeId] = request;
                Activities[request.NodeId] = activity;
                return activity.Task;
            });
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) =>
            {
                var timer = new TaskCompletionSource();
                token.Register(() => timer.TrySetCanceled());
                Timers.Add((fireAt, timer));
                return timer.Task;
            });
        Context.Setup(c => c.WaitForExternalEvent<RunCancellation>(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) =>
            {
                var never = new TaskCompletionSource<RunCancellation>();
                token.Register(() => never.TrySetCanceled());
                return never.Task;
            });
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? status) =>
        {
            StatusCleared = status is null;
            _status = status;
            if (status is not null)
            {
                Statuses.Add(Built(status));
            }
        });
    }

    public Mock<TaskOrchestrationContext> Context { get; } = new();

    /// <summary>Activities in the order the orchestrator scheduled them, with their options.</summary>
    public List<(string NodeId, TaskOptions? Options)> Scheduled { get; } = [];

    public Dictionary<string, TaskCompletionSource<NodeExecutionResult>> Activities { get; } = [];

    /// <summary>The activity input of each scheduled node.</summary>
    public Dictionary<string, NodeExecutionRequest> Requests { get; } = [];

    public List<(DateTime FireAt, TaskCompletionSource Task)> Timers { get; } = [];

    /// <summary>Every custom status the orchestrator set, each built when it was set.</summary>
    public List<WorkflowRunProgress> Statuses { get; } = [];

    /// <summary>
    /// The custom status the orchestrator set last, built now, as the Durable worker builds it when the episode ends
    /// (read it while the orchestrator waits). Null when none was set or it was cleared.
    /// </summary>
    public WorkflowRunProgress? Status => _status is null ? null : Built(_status);

    /// <summary>Whether the last custom status set was null (cleared).</summary>
    public bool StatusCleared { get; private set; }

    public IEnumerable<string> ScheduledNodes => Scheduled.Select(s => s.NodeId);

    public Task<WorkflowRunResult> Start(
        JsonElement definition,
        RunOptions? runOptions = null,
        OrchestrationOptions? options = null,
        RunIndexEntry? index = null,
        object? input = null,
        RunSlot? slot = null,
        string? parentRunId = null)
    {
        var orchestrator = new WorkflowOrchestrator(Options.Create(options ?? new OrchestrationOptions()));
        var request = new WorkflowRunRequest
        {
            WorkflowId = "wf",
            Version = 1,
            Definition = definition,
            Input = JsonSerializer.SerializeToElement(input ?? new { }),
            Options = runOptions ?? new RunOptions(),
            Index = index,
            Slot = slot,
            ParentRunId = parentRunId,
        };
        return orchestrator.RunAsync(Context.Object, request);
    }

    /// <summary>Runs the orchestrator on a request as given (a generation continued from a checkpoint, say).</summary>
    public Task<WorkflowRunResult> Run(WorkflowRunRequest request, OrchestrationOptions? options = null) =>
        new WorkflowOrchestrator(Options.Create(options ?? new OrchestrationOptions())).RunAsync(Context.Object, request);

    public void Succeed(string nodeId, string content = "ok") => Activities[nodeId].SetResult(NodeExecutionResult.Success(content));

    /// <summary>Fires the (uncancelled) timers due at <paramref name="fireAt"/>.</summary>
    public void Fire(DateTime fireAt)
    {
        foreach (var (at, timer) in Timers.Where(t => t.FireAt == fireAt).ToList())
        {
            timer.TrySetResult();
        }
    }

    private static WorkflowRunProgress Built(object status) =>
        status as WorkflowRunProgress ?? ((DeferredProgress)status).Build();

    public void Dispose() => SynchronizationContext.SetSynchronizationContext(_previous);
}
