using Microsoft.DurableTask.Client;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Batches;

/// <summary>Batches as a caller's account sees them: one with its counts, and its items page by page.</summary>
public sealed class BatchReader(BatchRepository batches, RunIndex index, RunReader runs, BatchCounts counts)
{
    public async Task<Outcome<BatchSnapshot>> FindAsync(Caller caller, string batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var batch = await batches.FindAsync(caller.AccountId, batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return Failure.NotFound("Batch", batchId);
        }

        var completed = batch.CompletedAt is not null;
        var tally = await counts.GetAsync(caller.AccountId, batch.Id, completed, ct => index.CountBatchAsync(caller.AccountId, batch.Id, ct), cancellationToken)
            .ConfigureAwait(false);
        return new BatchSnapshot(batch, tally);
    }

    /// <summary>A page of the batch's items in index order, with live statuses as in the run history.</summary>
    public async Task<Outcome<Page<RunSummary>>> ListRunsAsync(
        DurableTaskClient client, Caller caller, string batchId, string? status, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var batch = await batches.FindAsync(caller.AccountId, batchId, cancellationToken).ConfigureAwait(false);
        return batch is null
            ? Failure.NotFound("Batch", batchId)
            : await runs.ListAsync(client, caller, new RunQuery { BatchId = batch.Id, Status = status, Limit = limit, After = after }, cancellationToken).ConfigureAwait(false);
    }
}
