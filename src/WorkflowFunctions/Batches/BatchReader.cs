using Microsoft.DurableTask.Client;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration.Batches;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Batches;

/// <summary>
/// Batches as a caller's account sees them: one with its counts, its items page by page, and what its event feed is
/// derived from (the batch row and its segments' lists of finished items).
/// </summary>
public sealed class BatchReader(BatchRepository batches, BatchItems items, RunReader runs, BatchCounts counts)
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
        var tally = await counts.GetAsync(caller.AccountId, batch.Id, completed, ct => items.CountAsync(caller.AccountId, batch.Id, ct), cancellationToken)
            .ConfigureAwait(false);
        return new BatchSnapshot(batch, tally);
    }

    /// <summary>
    /// The batch row and the finished-item lists of its segments (<see cref="BatchFeedSnapshot"/>); null when the
    /// account has no such batch. Segments that had completed when last read (<paramref name="completed"/>, in order)
    /// cannot change and are not read again: a read costs the batch row and the segment under way.
    /// </summary>
    public async Task<(BatchFeedSnapshot Snapshot, int CompletedSegments)?> ReadFeedAsync(
        DurableTaskClient client, string accountId, string batchId, IReadOnlyList<BatchSegmentProgress> completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(completed);

        // The row first: once it says the batch completed, every segment had completed before it was written.
        var batch = await batches.FindAsync(accountId, batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return null;
        }

        var segments = completed.ToList();
        var size = BatchOrchestrator.SegmentSize(batch.Concurrency);
        for (var from = completed.Count * size; from < batch.Total; from += size)
        {
            var segment = await client.GetInstanceAsync(BatchOrchestrator.SegmentId(batch.Id, from), getInputsAndOutputs: true, cancellationToken)
                .ConfigureAwait(false);
            if (segment is null)
            {
                break;
            }

            segments.Add(segment.ReadCustomStatusAs<BatchSegmentProgress>() ?? new BatchSegmentProgress { From = from });
            if (!segment.IsCompleted)
            {
                return (new BatchFeedSnapshot(batch, segments), segments.Count - 1);
            }
        }

        return (new BatchFeedSnapshot(batch, segments), segments.Count);
    }

    /// <summary>A page of the batch's items in index order, with live statuses as in the run history.</summary>
    public async Task<Outcome<Page<RunSummary>>> ListRunsAsync(
        DurableTaskClient client, Caller caller, string batchId, string? status, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var batch = await batches.FindAsync(caller.AccountId, batchId, cancellationToken).ConfigureAwait(false);
        return batch is null
            ? Failure.NotFound("Batch", batchId)
            : await runs.ListAsync(
                client,
                caller,
                new RunQuery { BatchId = batch.Id, Status = status, Limit = limit, After = after },
                cancellationToken).ConfigureAwait(false);
    }
}
