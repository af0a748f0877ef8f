using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Runs;

/// <summary>
/// The read side of runs, and the only code that touches orchestration metadata, recorded ends and run index rows
/// to tell what a run is: find one, wait for one to finish (long-poll), list history. Every lookup first checks
/// what the id names (<see cref="RunIds"/>), then that the orchestration is a workflow run, then its account (read
/// from the small members of its input, never the pinned definition); another account's run, a batch's or
/// segment's id and a garbled id are all reported as not found, the same way, without telling them apart.
/// </summary>
public sealed class RunReader(RunIndex index, RunWaiter waiter, WorkflowReader workflows, TimeProvider time, IOptions<ApiOptions> options)
{
    /// <summary>The run as it stands, or not found.</summary>
    public async Task<Outcome<RunSnapshot>> FindAsync(DurableTaskClient client, Caller caller, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await ReadAsync(client, caller.AccountId, runId, cancellationToken).ConfigureAwait(false) is { } run ? run : Failure.NotFound("Run", runId);
    }

    /// <summary>
    /// The run of <paramref name="accountId"/> as it stands, or null: what <see cref="FindAsync"/> reads, for a
    /// reader that has checked the caller already (the shared reader of a run's event streams).
    /// </summary>
    public async Task<RunSnapshot?> ReadAsync(DurableTaskClient client, string accountId, string runId, CancellationToken cancellationToken)
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
            return Owned(metadata, accountId) is { } header ? RunSnapshots.FromOrchestration(runId, metadata, header) : null;
        }

        if (kind == RunIdKind.BatchItem && RunIds.TryParseBatchItem(runId, out var batchId, out var position)
            && await index.FindBatchItemAsync(accountId, batchId, position, cancellationToken).ConfigureAwait(false) is { } pending)
        {
            return RunSnapshots.FromIndex(pending);
        }

        return null;
    }

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
    /// Waits up to <paramref name="timeout"/> for the run to finish. A batch item that has not started is waited for
    /// too: first until it starts (its index row re-read every <see cref="ApiOptions.ResultPollIntervalMs"/>), then until
    /// it ends. Answers with the run as it stands when the time is up.
    /// </summary>
    public async Task<Outcome<RunSnapshot>> WaitAsync(DurableTaskClient client, Caller caller, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var found = await FindAsync(client, caller, runId, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } failure)
        {
            return failure;
        }

        var run = await WaitForStartAsync(client, caller, found.Value, deadline, cancellationToken).ConfigureAwait(false);
        var remaining = deadline - time.GetUtcNow();
        return run.State == RunState.NotStarted || run.IsFinal || remaining <= TimeSpan.Zero
            ? run
            : await WaitForEndAsync(client, run, remaining, cancellationToken).ConfigureAwait(false) ?? run;
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
            return RunSnapshots.FromRecordedEnd(recorded);
        }

        return waited.Metadata is { } metadata && RunWaiter.IsFinal(metadata) && RunRequestHeader.Read(metadata.SerializedInput) is { } header
            ? RunSnapshots.FromOrchestration(runId, metadata, header)
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
        var page = await index.ListAsync(caller.AccountId, query, cancellationToken).ConfigureAwait(false);
        var rows = await Task.WhenAll(page.Items.Select(async run =>
        {
            if (run.IsFinal)
            {
                return new RunSummary(run, RunStatuses.Parse(run.Status));
            }

            var live = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            return new RunSummary(run, live is null ? RunStatuses.Parse(run.Status) : RunSnapshots.LiveStatus(live));
        })).ConfigureAwait(false);
        var wanted = query.Status is { } status ? RunStatuses.Parse(status) : (Engine.Execution.RunStatus?)null;
        return new Page<RunSummary>(rows.Where(r => wanted is null || r.Status == wanted).ToList(), page.Next);
    }

    // The run request's header when the orchestration is a workflow run of the account.
    private static RunRequestHeader? Owned(OrchestrationMetadata metadata, string accountId) =>
        metadata.Name == FunctionNames.WorkflowOrchestrator
        && RunRequestHeader.Read(metadata.SerializedInput) is { } header
        && header.AccountId == accountId
            ? header
            : null;

    private static NodeSnapshot? NodeOf(RunSnapshot run, string nodeId) => run.Nodes.FirstOrDefault(n => n.Id == nodeId);

    private async Task<RunSnapshot> WaitForStartAsync(DurableTaskClient client, Caller caller, RunSnapshot run, DateTimeOffset deadline, CancellationToken cancellationToken)
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
            var again = await FindAsync(client, caller, run.Id, cancellationToken).ConfigureAwait(false);
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
            return RunSnapshots.FromRecordedEnd(recorded) with { ParentRunId = run.ParentRunId };
        }

        return waited.Metadata is { } metadata && RunRequestHeader.Read(metadata.SerializedInput) is { } header
            ? RunSnapshots.FromOrchestration(run.Id, metadata, header)
            : null;
    }
}
