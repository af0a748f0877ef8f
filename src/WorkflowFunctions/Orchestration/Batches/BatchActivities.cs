using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Orchestration.Batches;

/// <summary>
/// The batch orchestrators' I/O: loading the next items (recording them in the run history and giving the first ones their
/// concurrency slots) and closing the batch.
/// </summary>
public sealed class BatchActivities(BatchRepository batches, BatchItems batchItems, RunChangeSignals changes, TimeProvider time)
{
    [Function(FunctionNames.StartBatchItems)]
    public async Task<BatchItemsChunk> StartBatchItems([ActivityTrigger] BatchItemsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var batch = query.Batch;
        var row = await batches.FindAsync(batch.AccountId, batch.BatchId, cancellationToken).ConfigureAwait(false);
        if (row is null || row.Status == BatchStatuses.Cancelled)
        {
            return new BatchItemsChunk([], Cancelled: true);
        }

        var template = new RunRecord
        {
            AccountId = batch.AccountId,
            RunId = batch.BatchId,
            WorkflowId = batch.WorkflowId,
            Version = batch.Version,
            Status = RunStatuses.Queued,
            CreatedAt = batch.CreatedAt,
            BatchId = batch.BatchId,
        };
        var items = await batchItems.StartAsync(template, query.From, query.Count, query.Slots, cancellationToken).ConfigureAwait(false);
        var ready = new List<BatchItemInput>(items.Count);
        foreach (var item in items)
        {
            using var input = JsonDocument.Parse(item.Input ?? "{}");
            ready.Add(new BatchItemInput(item.Index, item.RunId, input.RootElement.Clone()));
        }

        return new BatchItemsChunk(ready, Cancelled: false);
    }

    [Function(FunctionNames.CompleteBatch)]
    public async Task CompleteBatch([ActivityTrigger] BatchCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Cancelled)
        {
            await batchItems.CancelPendingAsync(completion.AccountId, completion.BatchId, 0, completion.Error, cancellationToken).ConfigureAwait(false);
        }

        await batches.SetStatusAsync(
            completion.AccountId,
            completion.BatchId,
            completion.Cancelled ? BatchStatuses.Cancelled : BatchStatuses.Completed,
            time.GetUtcNow(),
            cancellationToken).ConfigureAwait(false);
        changes.Changed(completion.BatchId);
    }
}
