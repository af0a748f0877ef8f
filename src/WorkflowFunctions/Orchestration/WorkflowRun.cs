using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// One execution (and every replay) of the workflow orchestrator. The engine's scheduler says which nodes are
/// ready; pure nodes are evaluated on the spot, I/O nodes, approvals and sub-workflows are started at once and
/// raced in one loop together with the run timer and the cancel event (the first to finish, as <c>Task.WhenAny</c>
/// over all of them would answer), so each node starts the moment its own predecessors finish. Only deterministic
/// context APIs are used.
/// </summary>
internal sealed partial class WorkflowRun
{
    private readonly TaskOrchestrationContext _context;
    private readonly WorkflowRunRequest _request;
    private readonly OrchestrationOptions _options;
    private readonly TableOptions _tables;
    private readonly ConcurrencyOptions _concurrency;
    private readonly TableLimits _tableLimits;
    private readonly ILogger _logger;
    private readonly List<InFlightNode> _inFlight = [];
    private TaskCompletionSource<Task>? _nextFinished;
    private PreparedWorkflow _compiled = null!;
    private WorkflowDefinition _definition = null!;
    private ExecutionPlan _plan = null!;
    private GraphScheduler _scheduler = null!;
    private NodeLedger _ledger = new([]);
    private DateTime _startedAt;
    private DateTime _marksFrom;
    // The scheduler's transitions in order (what a checkpoint replays), and the I/O nodes settled since this generation began.
    private readonly List<SchedulerTransition> _transitions = [];
    private int _settledThisGeneration;
    private bool _checkpointsOff;
    private readonly RunBudgetAccount _budget;
    private bool _stopped;

    public WorkflowRun(
        TaskOrchestrationContext context, WorkflowRunRequest request, OrchestrationOptions options, TableOptions tables, ConcurrencyOptions concurrency)
    {
        _context = context;
        _concurrency = concurrency;
        _request = request;
        _options = options;
        _tables = tables;
        _tableLimits = tables.Limits();
        _logger = context.CreateReplaySafeLogger<WorkflowOrchestrator>();
        _budget = new RunBudgetAccount(
            request.Budget ?? new RunBudget { SubRuns = options.MaxSubRunsPerRun, NodeExecutions = options.MaxNodeExecutionsPerRun });
    }

    private string RunId => _context.InstanceId;

    /// <summary>What templates see now: the input, finished nodes, the definition's bare variables, and how large one rendering may grow.</summary>
    private TemplateScope Scope => new(Input, _ledger.Scope) { Variables = _compiled.Variables, MaxRenderedBytes = _options.MaxRenderedTemplateBytes };

    private string NodeBudgetSpent => string.Create(
        CultureInfo.InvariantCulture,
        $"No node execution is left in the run's budget: a run and its sub-runs may execute {_options.MaxNodeExecutionsPerRun:N0} nodes in all.");

    /// <summary>Runs the workflow to its end, or returns null when the run continued as new from a checkpoint.</summary>
    public async Task<WorkflowRunResult?> ExecuteAsync()
    {
        var restored = _request.Checkpoint is { } raw ? RestoredCheckpoint.Of(raw) : null;
        var checkpoint = restored?.Checkpoint;
        _marksFrom = checkpoint?.MarksFrom ?? _context.CurrentUtcDateTime;
        _startedAt = checkpoint?.StartedAt ?? _marksFrom;
        if (checkpoint is null)
        {
            Logs.RunStarted(_logger, RunId, _request.WorkflowId, _request.Version, _request.Depth);
        }

        if (Prepare() is { } invalid)
        {
            return Finish(RunStatus.Failed, invalid);
        }

        using var cancelEventCancellation = new CancellationTokenSource();
        var cancelEvent = _context.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, cancelEventCancellation.Token);
        var first = restored is null ? null : Restore(restored);
        if (checkpoint is null && _request.Slot is { } slot)
        {
            // A capped run waits for its slot before its first node; the run timeout counts from when it starts.
            var cancelledWhileQueued = await WaitForSlotAsync(slot, cancelEvent);
            _startedAt = _context.CurrentUtcDateTime;
            if (cancelledWhileQueued is not null)
            {
                cancelEventCancellation.Cancel();
                return Stop(RunStatus.Cancelled, cancelledWhileQueued);
            }
        }

        var runTimeout = RunTimeout();
        using var runTimerCancellation = new CancellationTokenSource();
        var runTimer = _context.CreateTimer(_startedAt + runTimeout, runTimerCancellation.Token);
        Watch(runTimer);
        Watch(cancelEvent);

        RunError? stopError = null;
        var stopStatus = RunStatus.Failed;
        var continued = false;
        Advance(first ?? _scheduler.Start());
        while (_scheduler.Outcome.Kind == RunOutcomeKind.Running && _inFlight.Count > 0)
        {
            PublishProgress();
            var finished = FirstFinished(runTimer, cancelEvent) ?? await NextFinishedAsync();
            if (finished == runTimer)
            {
                stopError = new RunError(null, $"Run timed out after {NodeSettings.Describe(runTimeout)}");
                break;
            }

            if (finished == cancelEvent)
            {
                var reason = cancelEvent.IsCompletedSuccessfully ? cancelEvent.Result?.Reason : null;
                stopStatus = RunStatus.Cancelled;
                stopError = new RunError(null, string.IsNullOrWhiteSpace(reason) ? "Cancelled" : reason);
                break;
            }

            var index = _inFlight.FindIndex(n => n.Outcome == finished);
            var node = _inFlight[index];
            _inFlight.RemoveAt(index);
            node.Dispose();
            var step = Settle(node, await node.Outcome);
            if (TryContinueAsNew(step, cancelEvent))
            {
                continued = true;
                break;
            }

            Advance(step);
        }

        runTimerCancellation.Cancel();
        if (continued)
        {
            // The cancel wait stays open: a cancel raised later in this episode is handed to the next generation.
            return null;
        }

        cancelEventCancellation.Cancel();

        if (stopError is not null)
        {
            return Stop(stopStatus, stopError);
        }

        return _scheduler.Outcome switch
        {
            { Kind: RunOutcomeKind.Succeeded } => Finish(RunStatus.Succeeded, null),
            { Kind: RunOutcomeKind.Failed, FailedNodeId: var failed } => Stop(RunStatus.Failed, FailureOf(failed)),
            _ => Stop(RunStatus.Failed, new RunError(null, "The run stopped with nodes still pending (no node was ready to run).")),
        };
    }

    /// <summary>Gets the compiled definition (shared, see <see cref="DefinitionCache"/>); returns the reason when it cannot run.</summary>
    private RunError? Prepare()
    {
        try
        {
            _compiled = DefinitionCache.Shared.Get(_request.Definition);
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            return new RunError(null, "The workflow definition cannot run: " + ex.Message);
        }

        _definition = _compiled.Definition;
        _plan = _compiled.Plan;
        _scheduler = new GraphScheduler(_plan);
        _ledger = new NodeLedger(_compiled.LedgerNodes, MaxResultBytes, _marksFrom);
        return null;
    }

    /// <summary>
    /// The cap on this run's result: a top-level run's result reaches the result store in parts, a sub-run's is its
    /// output, one message, so it is held to <see cref="OrchestrationOptions.MaxSubRunResultBytes"/> as well.
    /// </summary>
    private int MaxResultBytes => _request.ParentRunId is null && _request.Index is not null
        ? _options.MaxRunResultBytes
        : Math.Min(_options.MaxRunResultBytes, _options.MaxSubRunResultBytes);

    private TimeSpan RunTimeout()
    {
        var seconds = _request.Options.TimeoutSeconds is int chosen && chosen > 0 ? chosen : _options.DefaultRunTimeoutSeconds;
        return TimeSpan.FromSeconds(Math.Min(seconds, _options.MaxRunTimeoutSeconds));
    }

    /// <summary>Applies a scheduler step: records skipped nodes and starts (or, for pure nodes, evaluates) ready ones.</summary>
    private void Advance(SchedulerStep first)
    {
        var steps = new Queue<SchedulerStep>();
        steps.Enqueue(first);
        while (steps.TryDequeue(out var step))
        {
            foreach (var id in step.Skipped)
            {
                _ledger.Skip(id, _context.CurrentUtcDateTime);
            }

            foreach (var id in step.Ready)
            {
                var node = _definition.FindNode(id)!;
                if (!_budget.TrySpendNode())
                {
                    steps.Enqueue(FailNode(id, NodeBudgetSpent, _context.CurrentUtcDateTime, attempts: 0));
                }
                else if (PureNodes.IsPure(node))
                {
                    steps.Enqueue(EvaluatePure(node));
                }
                else
                {
                    StartNode(node);
                }
            }
        }
    }

    private SchedulerStep EvaluatePure(NodeDefinition node)
    {
        var now = _context.CurrentUtcDateTime;
        var finishedPredecessors = _definition.Graph.Incoming(node.Id)
            .Select(link => link.Source)
            .Where(id => _scheduler.StateOf(id) == SchedulerNodeState.Succeeded)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        try
        {
            var evaluation = PureNodes.Evaluate(node, Scope, finishedPredecessors, _tableLimits);
            if (_ledger.TrySucceed(node.Id, evaluation.Result, now, attempts: 0) is { } tooLarge)
            {
                return FailNode(node.Id, tooLarge, now, attempts: 0);
            }

            return Complete(node.Id, evaluation.Branch);
        }
        catch (Exception ex) when (ex is NodeEvaluationException or InvalidOperationException or FormatException or JsonException)
        {
            return FailNode(node.Id, ex.Message, now, attempts: 0);
        }
    }

    private SchedulerStep FailNode(string nodeId, string error, DateTime at, int attempts)
    {
        _ledger.Fail(nodeId, error, at, attempts);
        Logs.NodeFailed(_logger, RunId, nodeId, error);
        var continueOnError = _definition.FindNode(nodeId)?.ContinueOnError ?? false;
        _transitions.Add(new SchedulerTransition(nodeId, Failed: true, ContinueOnError: continueOnError));
        return _scheduler.Fail(nodeId, continueOnError);
    }

    private SchedulerStep Complete(string nodeId, Branch branch)
    {
        _transitions.Add(new SchedulerTransition(nodeId, Branch: branch));
        return _scheduler.Complete(nodeId, branch);
    }

    private void StartNode(NodeDefinition node)
    {
        var kind = node.Type switch
        {
            NodeTypes.Approval => NodeWorkKind.Approval,
            NodeTypes.Workflow => NodeWorkKind.SubWorkflow,
            NodeTypes.MapRows => NodeWorkKind.MapRows,
            _ => NodeWorkKind.Activity,
        };
        var inFlight = new InFlightNode(node.Id, kind);
        _ledger.Start(node.Id, _context.CurrentUtcDateTime, kind == NodeWorkKind.Approval ? NodeStatus.Waiting : NodeStatus.Running);
        _inFlight.Add(inFlight);
        inFlight.Outcome = kind switch
        {
            NodeWorkKind.Approval => WaitForApprovalAsync(node, inFlight),
            NodeWorkKind.SubWorkflow => RunSubWorkflowAsync(node, inFlight),
            NodeWorkKind.MapRows => RunMapRowsAsync(node, inFlight),
            _ => RunActivityAsync(node),
        };
        Watch(inFlight.Outcome);
    }

    /// <summary>
    /// What <c>Task.WhenAny(in-flight outcomes..., run timer, cancel event)</c> returns when one of them has already
    /// finished: the first finished in that order. Null when none has, so the loop waits for the next to finish.
    /// </summary>
    private Task? FirstFinished(Task runTimer, Task cancelEvent)
    {
        foreach (var node in _inFlight)
        {
            if (node.Outcome.IsCompleted)
            {
                return node.Outcome;
            }
        }

        return runTimer.IsCompleted ? runTimer : cancelEvent.IsCompleted ? cancelEvent : null;
    }

    /// <summary>
    /// The first in-flight outcome, run timer or cancel event to finish from now on, as <c>Task.WhenAny</c> over all
    /// of them would answer. Each task is watched once, when it starts (<see cref="Watch"/>): a <c>Task.WhenAny</c>
    /// per step registers and removes a continuation on every in-flight node (an allocation and a lock each), which made
    /// every step of a 1,000-node fan-out cost as much as the fan-out is wide, and every replay repeat all of them; a
    /// step now only reads whether each has finished.
    /// </summary>
    private Task<Task> NextFinishedAsync()
    {
        _nextFinished = new TaskCompletionSource<Task>();
        return _nextFinished.Task;
    }

    /// <summary>
    /// Completes the pending <see cref="NextFinishedAsync"/> when the task finishes. The continuation keeps the
    /// orchestration's task scheduler, which runs it at once, inside the episode: with <c>ConfigureAwait(false)</c>
    /// the runtime would not inline it under a non-default scheduler and would queue it to the thread pool, after the
    /// episode had ended, and the run would wait forever.
    /// </summary>
    private void Watch(Task task) =>
        task.GetAwaiter().UnsafeOnCompleted(() => _nextFinished?.TrySetResult(task));

    /// <summary>Records an in-flight node's end; returns the scheduler's step, which the caller advances.</summary>
    private SchedulerStep Settle(InFlightNode node, NodeOutcome outcome)
    {
        var now = _context.CurrentUtcDateTime;
        _settledThisGeneration++;
        _ledger[node.NodeId].ChildRunId ??= node.ChildRunId;
        return !outcome.Succeeded ? FailNode(node.NodeId, outcome.Error ?? "The node failed.", now, outcome.Attempts)
            : _ledger.TrySucceed(node.NodeId, outcome.Result!, now, outcome.Attempts) is { } tooLarge ? FailNode(node.NodeId, tooLarge, now, outcome.Attempts)
            : Complete(node.NodeId, outcome.Branch);
    }

    private RunError FailureOf(string? nodeId)
    {
        var error = nodeId is null ? null : _ledger[nodeId].Error;
        return new RunError(nodeId, nodeId is null ? "The run failed." : $"Node '{nodeId}' failed: {error}");
    }

    /// <summary>Stops unfinished work: nodes still running or queued are cancelled, sub-runs are asked to cancel.</summary>
    private WorkflowRunResult Stop(RunStatus status, RunError error)
    {
        _stopped = true;
        var reason = status == RunStatus.Cancelled ? "Cancelled: " + error.Message : "Cancelled because the run stopped: " + error.Message;
        foreach (var node in _inFlight)
        {
            _ledger[node.NodeId].ChildRunId ??= node.ChildRunId;
            if ((node.ChildRunId ?? node.HelperInstanceId) is { } child)
            {
                _context.SendEvent(child, RunEvents.Cancel, new RunCancellation(reason));
            }

            if (node.Grant is { } grant)
            {
                // The sub-run stops without reporting what it used: its share counts whole.
                _budget.Forfeit(grant);
                node.Grant = null;
            }

            node.Dispose();
        }

        _inFlight.Clear();
        _ledger.CancelUnfinished(reason, _context.CurrentUtcDateTime);
        return Finish(status, error);
    }

    private WorkflowRunResult Finish(RunStatus status, RunError? error)
    {
        var result = RunResultBuilder.Build(
            RunId,
            _request,
            status,
            error,
            _startedAt,
            _context.CurrentUtcDateTime,
            _ledger,
            _plan?.OutputNodes ?? [],
            id => _definition.Graph.Outgoing(id).Count > 0,
            MaxResultBytes,
            _budget);
        if (_request.Index is not null)
        {
            // Readable while the run's end is recorded; the orchestrator clears it once it completes.
            PublishProgress(result.Status);
        }

        Logs.RunFinished(_logger, RunId, result.Status);
        return result;
    }

    /// <summary>
    /// Sets the custom status (<c>waiting</c> if only approvals are outstanding), built only when the episode's status
    /// is serialized (see <see cref="DeferredProgress"/>). The worker keeps the last status set and serializes it once,
    /// when the episode ends, so it shows the run as the episode leaves it; building it at every step instead cost a
    /// status of every node per settled node (a 1,000-node fan-out settles many nodes in one episode), replayed or live.
    /// </summary>
    private void PublishProgress(RunStatus? final = null) =>
        _context.SetCustomStatus(new DeferredProgress(() => BuildProgress(final)));

    private WorkflowRunProgress BuildProgress(RunStatus? final)
    {
        if (final is null && _queued)
        {
            return ProgressReport.Build(RunStatus.Queued, null, _ledger, _options.CustomStatusBudgetBytes, _queuePosition, SlotClaim?.QueuedAt);
        }

        var status = final ?? (OnlyApprovalsInFlight() ? RunStatus.Waiting : RunStatus.Running);
        foreach (var node in _inFlight)
        {
            _ledger[node.NodeId].ChildRunId ??= node.ChildRunId;
        }

        return ProgressReport.Build(status, _startedAt, _ledger, _options.CustomStatusBudgetBytes);
    }

    private bool OnlyApprovalsInFlight()
    {
        foreach (var node in _inFlight)
        {
            if (node.Kind != NodeWorkKind.Approval)
            {
                return false;
            }
        }

        return _inFlight.Count > 0;
    }

}
