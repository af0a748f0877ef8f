using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Orchestration;

/// <summary>The activity through which an orchestrator records a finished run: the orchestrator itself does no I/O.</summary>
public sealed class RunIndexActivities(RunIndex index, RunCompletionSignals signals, TimeProvider time)
{
    [Function(FunctionNames.RecordRunCompletion)]
    public async Task RecordRunCompletion([ActivityTrigger] RunCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        await index.RecordCompletedAsync(
            new RunRecord
            {
                AccountId = completion.AccountId,
                RunId = completion.RunId,
                WorkflowId = completion.WorkflowId,
                Version = completion.Version,
                Status = completion.Status,
                CreatedAt = completion.CreatedAt,
                StartedAt = completion.StartedAt,
                CompletedAt = completion.CompletedAt,
                DurationMs = completion.DurationMs,
                TotalCost = completion.TotalCost,
                BatchId = completion.BatchId,
                BatchIndex = completion.BatchIndex,
                Error = completion.Error,
            },
            cancellationToken).ConfigureAwait(false);
        // From here the run's end is durable: its waiters on this instance answer with it now, not after the
        // orchestration's own last commit (on a busy store that takes hundreds of milliseconds more).
        signals.Signal(completion.RunId, new RecordedRunEnd(completion, time.GetUtcNow()));
    }
}
