using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;

namespace WorkflowFunctions.Orchestration;

/// <summary>The activity through which an orchestrator records a finished run: the orchestrator itself does no I/O.</summary>
public sealed class RunIndexActivities(
    RunHistory history, BatchItems items, RunSlots slots, RunCompletionSignals signals, RunChangeSignals changes, TimeProvider time)
{
    /// <summary>
    /// Writes the run's end in the run history (and a batch item's on its row) and, for a capped run, frees its concurrency slot, handing it to the runs
    /// next in line; answers those runs (null when it had no slot) for the orchestrator to wake.
    /// </summary>
    [Function(FunctionNames.RecordRunCompletion)]
    public async Task<IReadOnlyList<string>?> RecordRunCompletion([ActivityTrigger] RunCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var run = completion.ToRecord();
        var recorded = run.BatchId is null ? history.RecordCompletedAsync(run, cancellationToken) : items.RecordCompletedAsync(run, cancellationToken);
        var released = completion.Slot is { } slot ? slots.ReleaseAsync(slot.ToClaim(), cancellationToken) : null;
        await Task.WhenAll(released is null ? [recorded] : [recorded, released]).ConfigureAwait(false);

        // From here the run's end is durable: its waiters on this instance answer with it now, not after the
        // orchestration's own last commit (on a busy store that takes hundreds of milliseconds more).
        signals.Signal(completion.RunId, new RecordedRunEnd(completion, time.GetUtcNow()));

        // A sub-run's end is its workflow-node's end in the parent's next step; a batch item's, its segment's.
        changes.Changed(completion.ParentRunId);
        changes.Changed(completion.BatchId);

        return released is null ? null : await released.ConfigureAwait(false);
    }
}
