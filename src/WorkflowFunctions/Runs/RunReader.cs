using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Runs;

/// <summary>
/// The read side of runs, and the only code that touches orchestration metadata, recorded ends and run index rows
/// to tell what a run is: find one, wait for one to finish (long-poll), list history. Every lookup first checks
/// what the id names (<see cref="RunIds"/>), then that the orchestration is a workflow run, then its account (read
/// from the small members of its input, never the pinned definition); another account's run, a batch's or
/// segment's id and a garbled id are all reported as not found, the same way, without telling them apart.
/// </summary>
public sealed class RunReader(
    RunHistory history,
    BatchItems items,
    RunWaiter waiter,
    WorkflowReader workflows,
    StorageTables storage,
    TimeProvider time,
    IOptions<ApiOptions> options,
    IOptions<TableOptions> tables,
    RunSlots slots)
{
    /// <summary>How long a history row may stay queued without an orchestration before it is closed (see <see cref="HealAsync"/>).</summary>
    public static readonly TimeSpan PhantomGrace = TimeSpan.FromMinutes(10);

    /// <summary>The error a never-scheduled run is closed with.</summary>
    public const string NeverScheduled = "The run was never scheduled: the service stopped while starting it. Nothing ran; start it again.";

    /// <summary>How many of a workflow's newest runs a numbered history page counts and sorts.</summary>
    public const int MaxNumberedRuns = 10_000;

    /// <summary>The run as it stands, or not found.</summary>
    public Task<Outcome<RunSnapshot>> FindAsync(DurableTaskClient client, Caller caller, string runId, CancellationToken cancellationToken) =>
        FindAsync(client, caller, runId, withPlan: false, cancellationToken);

    /// <summary>
    /// The run as it stands with its <see cref="RunSnapshot.Plan"/>, for APIs that list every node in order with its
    /// type while the run is in progress (the progress it publishes has node states only). The pinned definition is
    /// read from the run's input and compiled through the one <see cref="DefinitionCache"/>, so this costs a parse of
    /// the input but no compile on the instance that runs it.
    /// </summary>
    public Task<Outcome<RunSnapshot>> FindWithPlanAsync(DurableTaskClient client, Caller caller, string runId, CancellationToken cancellationToken) =>
        FindAsync(client, caller, runId, withPlan: true, cancellationToken);

    private async Task<Outcome<RunSnapshot>> FindAsync(
        DurableTaskClient client, Caller caller, string runId, bool withPlan, CancellationToken cancellationToken)
    {
        var found = await FindCoreAsync(client, caller, runId, withPlan, cancellationToken).ConfigureAwait(false);
        return found.Succeeded ? await WholeAsync(found.Value, cancellationToken).ConfigureAwait(false) : found;
    }

    /// <summary>
    /// The run of <paramref name="accountId"/> as it stands, or null: what
    /// <see cref="FindAsync(DurableTaskClient, Caller, string, CancellationToken)"/> reads, for a reader that has checked the
    /// caller already (the shared reader of a run's event streams).
    /// </summary>
    public async Task<RunSnapshot?> ReadAsync(DurableTaskClient client, string accountId, string runId, CancellationToken cancellationToken) =>
        await ReadCoreAsync(client, accountId, runId, withPlan: false, cancellationToken).ConfigureAwait(false) is { } run
            ? await WholeAsync(run, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<Outcome<RunSnapshot>> FindCoreAsync(
        DurableTaskClient client, Caller caller, string runId, bool withPlan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await ReadCoreAsync(client, caller.AccountId, runId, withPlan, cancellationToken).ConfigureAwait(false) is { } run
            ? run
            : Failure.NotFound("Run", runId);
    }

    private async Task<RunSnapshot?> ReadCoreAsync(DurableTaskClient client, string accountId, string runId, bool withPlan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var kind = RunIds.Classify(runId);
        if (kind == RunIdKind.None)
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is not null)
        {
            if (Owned(metadata, accountId) is not { } header)
            {
                return null;
            }

            var run = await WithLivePositionAsync(RunSnapshots.FromOrchestration(runId, metadata, header, TableRows), cancellationToken).ConfigureAwait(false);
            return withPlan ? run with { Plan = PlanOf(metadata.SerializedInput) } : run;
        }

        if (kind == RunIdKind.BatchItem && RunIds.TryParseBatchItem(runId, out var batchId, out var position)
            && await items.FindAsync(accountId, batchId, position, cancellationToken).ConfigureAwait(false) is { } pending)
        {
            return RunSnapshots.FromIndex(
                EndedBeforeItsOrchestration(pending) ? pending with { Status = RunStatuses.Running, CompletedAt = null, Error = null } : pending);
        }

        return null;
    }

    /// <summary>
    /// The run as its end was just recorded on this instance, with the result the record carried (loaded whole from the
    /// result store when it was too large to carry): the shared reader of a run's event streams ends them with it.
    /// </summary>
    public Task<RunSnapshot> FromRecordedEndAsync(RecordedRunEnd recorded, string? parentRunId, CancellationToken cancellationToken) =>
        WholeAsync(RunSnapshots.FromRecordedEnd(recorded, TableRows) with { ParentRunId = parentRunId }, cancellationToken);

    /// <summary>
    /// One node of a run with its result when it can be read: at once when the run's progress or its result holds
    /// it; otherwise (a result the progress left out) after waiting up to <paramref name="wait"/> for the run to end.
    /// Not found for an unknown run or a node the run does not have.
    /// </summary>
    public async Task<Outcome<(RunSnapshot Run, NodeSnapshot Node)>> FindNodeAsync(
        DurableTaskClient client, Caller caller, string runId, string nodeId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var found = await FindAsync(client, caller, runId, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } missing)
        {
            return missing;
        }

        var run = found.Value;
        if (NodeOf(run, nodeId) is not { } node)
        {
            return Failure.NotFound("Node", nodeId);
        }

        if (node.Result is null && node.Status == Engine.Execution.NodeStatus.Succeeded && !run.IsFinal && wait > TimeSpan.Zero)
        {
            var waited = await WaitAsync(client, caller, runId, wait, cancellationToken).ConfigureAwait(false);
            run = waited.Succeeded ? waited.Value : run;
            node = NodeOf(run, nodeId) ?? node;
        }

        return (run, node);
    }

    /// <summary>
    /// The run a checked result link names, whatever its account: the link's signature stands for the caller (see
    /// <see cref="ResultFiles"/>, the only user). Null when no workflow run has that id, or it has not started.
    /// </summary>
    internal async Task<RunSnapshot?> FindLinkedAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (RunIds.Classify(runId) == RunIdKind.None)
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return metadata is not null && metadata.Name == FunctionNames.WorkflowOrchestrator && RunRequestHeader.Read(metadata.SerializedInput) is { } header
            ? await WholeAsync(RunSnapshots.FromOrchestration(runId, metadata, header, TableRows), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the run to finish. A batch item that has not started is waited for
    /// too: first until it starts (its index row re-read every <see cref="ApiOptions.ResultPollIntervalMs"/>), then until
    /// it ends. Answers with the run as it stands when the time is up.
    /// </summary>
    public Task<Outcome<RunSnapshot>> WaitAsync(DurableTaskClient client, Caller caller, string runId, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(client, caller, runId, timeout, withPlan: false, cancellationToken);

    /// <summary>
    /// <see cref="WaitAsync(DurableTaskClient, Caller, string, TimeSpan, CancellationToken)"/>, answering the run with its
    /// <see cref="RunSnapshot.Plan"/>.
    /// </summary>
    public Task<Outcome<RunSnapshot>> WaitWithPlanAsync(
        DurableTaskClient client, Caller caller, string runId, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(client, caller, runId, timeout, withPlan: true, cancellationToken);

    private async Task<Outcome<RunSnapshot>> WaitAsync(
        DurableTaskClient client, Caller caller, string runId, TimeSpan timeout, bool withPlan, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var found = await FindCoreAsync(client, caller, runId, withPlan, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } failure)
        {
            return failure;
        }

        var run = await WaitForStartAsync(client, caller, found.Value, deadline, withPlan, cancellationToken).ConfigureAwait(false);
        var remaining = deadline - time.GetUtcNow();
        var ended = run.State == RunState.NotStarted || run.IsFinal || remaining <= TimeSpan.Zero
            ? run
            : await WaitForEndAsync(client, run, remaining, cancellationToken).ConfigureAwait(false) ?? run;
        var whole = await WholeAsync(ended, cancellationToken).ConfigureAwait(false);

        // The plan is the pinned definition's, which does not change while the run waits.
        return withPlan ? whole with { Plan = run.Plan } : whole;
    }

    /// <summary>
    /// Waits for a run this caller has just started (no ownership check needed); null when it has not finished
    /// within <paramref name="timeout"/>.
    /// </summary>
    public async Task<RunSnapshot?> WaitForStartedAsync(DurableTaskClient client, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = await waiter.WaitAsync(client, runId, timeout, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (waited.Recorded is { } recorded)
        {
            return await WholeAsync(RunSnapshots.FromRecordedEnd(recorded, TableRows), cancellationToken).ConfigureAwait(false);
        }

        return waited.Metadata is { } metadata && RunWaiter.IsFinal(metadata) && RunRequestHeader.Read(metadata.SerializedInput) is { } header
            ? await WholeAsync(RunSnapshots.FromOrchestration(runId, metadata, header, TableRows), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// A page of the caller's run history filtered by <paramref name="query"/>; its workflow may be named by id or
    /// integer alias. With <paramref name="workflowMustExist"/> an unknown workflow is not found (a workflow's own
    /// history); otherwise it simply has no runs.
    /// </summary>
    public async Task<Outcome<Page<RunSummary>>> ListAsync(
        DurableTaskClient client, Caller caller, RunQuery query, bool workflowMustExist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (query.WorkflowId is { } workflowId)
        {
            var workflow = await workflows.FindAsync(caller.AccountId, workflowId, cancellationToken).ConfigureAwait(false);
            if (workflow.Failure is { } missing && workflowMustExist)
            {
                return missing;
            }

            query = query with { WorkflowId = workflow.Succeeded ? workflow.Value.Id : workflowId };
        }

        return await ListAsync(client, caller, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of the caller's run history, newest first. The index knows only whether a run has ended; queued,
    /// running and waiting are told apart by the live status of the orchestration, so a page filtered by one of them
    /// can hold fewer items than the limit while its continuation is set.
    /// </summary>
    public async Task<Page<RunSummary>> ListAsync(DurableTaskClient client, Caller caller, RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var page = query.BatchId is { } batch
            ? await items.ListAsync(caller.AccountId, batch, query, cancellationToken).ConfigureAwait(false)
            : await history.ListAsync(caller.AccountId, query, cancellationToken).ConfigureAwait(false);
        var rows = await SummarizeAsync(client, page.Items, cancellationToken).ConfigureAwait(false);
        var wanted = query.Status is { } status ? RunStatuses.Parse(status) : (Engine.Execution.RunStatus?)null;
        return new Page<RunSummary>(rows.Where(r => wanted is null || r.Status == wanted).ToList(), page.Next);
    }

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of a workflow's run history in <paramref name="order"/>, with how many runs
    /// it has, for APIs that page by number. Counting and sorting read the workflow's history rows (its newest
    /// <see cref="MaxNumberedRuns"/>; older runs are neither counted nor listed). An unknown workflow is not found.
    /// </summary>
    public async Task<Outcome<NumberedPage<RunSummary>>> HistoryPageAsync(
        DurableTaskClient client, Caller caller, string workflowIdOrAlias, RunHistoryOrder order, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var workflow = await workflows.FindAsync(caller.AccountId, workflowIdOrAlias, cancellationToken).ConfigureAwait(false);
        if (workflow.Failure is { } missing)
        {
            return missing;
        }

        var runs = new List<RunRecord>();
        string? after = null;
        do
        {
            var query = new RunQuery { WorkflowId = workflow.Value.Id, Limit = Math.Min(1000, MaxNumberedRuns - runs.Count), After = after };
            var rows = await history.ListAsync(caller.AccountId, query, cancellationToken).ConfigureAwait(false);
            runs.AddRange(rows.Items);
            after = rows.Next;
        }
        while (after is not null && runs.Count < MaxNumberedRuns);

        var sorted = Sort(runs, order);
        var skip = (long)(page - 1) * pageSize;
        var onPage = skip >= sorted.Count ? [] : sorted.Skip((int)skip).Take(pageSize).ToList();
        return new NumberedPage<RunSummary>(await SummarizeAsync(client, onPage, cancellationToken).ConfigureAwait(false), sorted.Count);
    }

    // Runs the index does not know have ended are shown with their orchestration's live status.
    private async Task<IReadOnlyList<RunSummary>> SummarizeAsync(
        DurableTaskClient client, IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken) =>
        await Task.WhenAll(runs.Select(async run =>
        {
            if (run.IsFinal)
            {
                return new RunSummary(run, RunStatuses.Parse(run.Status));
            }

            var live = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            if (live is null && await HealAsync(run).ConfigureAwait(false) is { } healed)
            {
                return new RunSummary(healed, RunStatuses.Parse(healed.Status));
            }

            return new RunSummary(run, live is null ? RunStatuses.Parse(run.Status) : RunSnapshots.LiveStatus(live));
        })).ConfigureAwait(false);

    // The index lists newest first (ties by run id), which every other order keeps for equal keys.
    private static List<RunRecord> Sort(List<RunRecord> newestFirst, RunHistoryOrder order) => order switch
    {
        RunHistoryOrder.OldestFirst => Enumerable.Reverse(newestFirst).ToList(),
        RunHistoryOrder.CheapestFirst => [.. newestFirst.OrderBy(r => r.TotalCost is null).ThenBy(r => r.TotalCost)],
        RunHistoryOrder.CostliestFirst => [.. newestFirst.OrderBy(r => r.TotalCost is null).ThenByDescending(r => r.TotalCost)],
        _ => newestFirst,
    };

    /// <summary>
    /// A history row left <c>queued</c> with no orchestration behind it for longer than <see cref="PhantomGrace"/>: a run
    /// whose start was interrupted before it was scheduled (rows written before the orchestration, as earlier versions
    /// did). Nothing will ever end it, so it is closed as failed, saying why, and history stops listing it as active.
    /// Batch items are left alone: their rows exist before their runs by design.
    /// </summary>
    private async Task<RunRecord?> HealAsync(RunRecord run)
    {
        if (run.BatchId is not null || time.GetUtcNow() - run.CreatedAt < PhantomGrace)
        {
            return null;
        }

        var healed = run with { Status = RunStatuses.Failed, CompletedAt = time.GetUtcNow(), Error = NeverScheduled };
        await history.RecordCompletedAsync(healed, CancellationToken.None).ConfigureAwait(false);
        return healed;
    }

    private int TableRows => Math.Max(0, tables.Value.ResultMaxRows);

    // The plan of the definition a run request pinned; null when the request holds none that compiles (such a run
    // fails at once, saying why).
    private IReadOnlyList<PlannedNode>? PlanOf(string? serializedRequest)
    {
        if (string.IsNullOrEmpty(serializedRequest))
        {
            return null;
        }

        try
        {
            using var request = JsonDocument.Parse(serializedRequest);
            return request.RootElement.ValueKind == JsonValueKind.Object
                && request.RootElement.TryGetProperty(nameof(WorkflowRunRequest.Definition), out var definition)
                    ? workflows.Pinned(definition).PlannedNodes
                    : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // A result too large to be its orchestration's output is read back from the result store.
    private async Task<RunSnapshot> WholeAsync(RunSnapshot run, CancellationToken cancellationToken) =>
        run.Result?.Stored is { } stored && await RunResultActivities.LoadAsync(storage, stored, cancellationToken).ConfigureAwait(false) is { } whole
            ? RunSnapshots.WithStoredResult(run, whole, TableRows)
            : run;

    /// <summary>
    /// A run waiting for a concurrency slot publishes its place in line when it joins and re-checks; the line moves in
    /// between, so its place is counted now (one range read of the waiters ahead of it). A run no longer in line has
    /// just been handed its slot: it keeps the place it published until it starts.
    /// </summary>
    private async Task<RunSnapshot> WithLivePositionAsync(RunSnapshot run, CancellationToken cancellationToken)
    {
        if (run.Status != Engine.Execution.RunStatus.Queued || run.Progress?.QueuedAt is not { } queuedAt || run.WorkflowId is not { } workflowId)
        {
            return run;
        }

        var claim = new SlotClaim(run.AccountId, workflowId, run.Id) { QueuedAt = queuedAt };
        var position = await slots.PositionAsync(claim, cancellationToken).ConfigureAwait(false);
        return position is null ? run : run with { QueuePosition = position };
    }

    /// <summary>
    /// A batch item's row that says the item's run ended when its orchestration cannot be read yet. A run records its
    /// end from an activity, and a batch item's run is a sub-orchestration, which cannot be read before its first episode
    /// is stored (<see cref="FirstEpisode"/>). So an item that finishes in its first episode (pure nodes only) can have
    /// its row read as final moments before its orchestration, the only holder of its result, can be read. Such a row
    /// reads as not ended until the orchestration can be read, for up to <see cref="FirstEpisode.StoreGrace"/>. Rows
    /// closed without a run (a cancelled batch's items that never ran) say cancelled and are taken as they are; so is
    /// the rare run cancelled within its first episode (its start and a cancel read together), shown without its node
    /// states for those moments.
    /// </summary>
    private bool EndedBeforeItsOrchestration(RunRecord row) =>
        row.IsFinal
        && row.Status != RunStatuses.Cancelled
        && row.CompletedAt is { } ended
        && time.GetUtcNow() - ended < FirstEpisode.StoreGrace;

    // The run request's header when the orchestration is a workflow run of the account.
    private static RunRequestHeader? Owned(OrchestrationMetadata metadata, string accountId) =>
        metadata.Name == FunctionNames.WorkflowOrchestrator
        && RunRequestHeader.Read(metadata.SerializedInput) is { } header
        && header.AccountId == accountId
            ? header
            : null;

    private static NodeSnapshot? NodeOf(RunSnapshot run, string nodeId) => run.Nodes.FirstOrDefault(n => n.Id == nodeId);

    private async Task<RunSnapshot> WaitForStartAsync(
        DurableTaskClient client, Caller caller, RunSnapshot run, DateTimeOffset deadline, bool withPlan, CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.ResultPollIntervalMs));
        while (run.State == RunState.NotStarted && !run.IsFinal)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(poll < remaining ? poll : remaining, time, cancellationToken).ConfigureAwait(false);
            var again = await FindCoreAsync(client, caller, run.Id, withPlan, cancellationToken).ConfigureAwait(false);
            run = again.Succeeded ? again.Value : run;
        }

        return run;
    }

    private async Task<RunSnapshot?> WaitForEndAsync(DurableTaskClient client, RunSnapshot run, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var waited = await waiter.WaitAsync(client, run.Id, remaining, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (waited.Recorded is { } recorded)
        {
            // Finished when this instance recorded the run's end (durably, in the run index), with its result.
            return RunSnapshots.FromRecordedEnd(recorded, TableRows) with { ParentRunId = run.ParentRunId };
        }

        return waited.Metadata is { } metadata && RunRequestHeader.Read(metadata.SerializedInput) is { } header
            ? RunSnapshots.FromOrchestration(run.Id, metadata, header, TableRows)
            : null;
    }
}
