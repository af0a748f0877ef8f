using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Orchestration;

/// <summary>The activity through which an orchestrator records a finished run: the orchestrator itself does no I/O.</summary>
public sealed class RunIndexActivities(RunIndex index, RunCompletionSignals signals, RunChangeSignals changes, TimeProvider time)
{
    [Function(FunctionNames.RecordRunCompletion)]
    public async Task RecordRunCompletion([ActivityTrigger] RunCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        await index.RecordCompletedAsync(completion.ToRecord(), cancellationToken).ConfigureAwait(false);

        // From here the run's end is durable: its waiters on this instance answer with it now, not after the
        // orchestration's own last commit (on a busy store that takes hundreds of milliseconds more).
        signals.Signal(completion.RunId, new RecordedRunEnd(completion, time.GetUtcNow()));

        // A sub-run's end is its workflow-node's end in the parent's next step; a batch item's, its segment's.
        changes.Changed(completion.ParentRunId);
        changes.Changed(completion.BatchId);
    }
}
