using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration.Batches;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Batches;

/// <summary>
/// Starting and cancelling batches: many runs of one workflow version, accepted all-or-nothing (every item's input
/// is checked before anything is stored), run by a batch orchestration that never has more than the batch's
/// concurrency in flight; each item also waits for a slot of the workflow's own cap, if it has one.
/// </summary>
public sealed class BatchCommands(
    WorkflowReader workflows, BatchRepository batches, BatchItems items, BatchCounts counts, TimeProvider time, IOptions<ConcurrencyOptions> concurrency)
{
    /// <summary>Stores the items, then the batch row that makes them visible, then schedules the orchestration that runs them.</summary>
    public async Task<Outcome<BatchRecord>> CreateAsync(
        DurableTaskClient client, Caller caller, string workflowIdOrAlias, int? version, BatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await workflows.LoadAsync(caller.AccountId, workflowIdOrAlias, version, cancellationToken).ConfigureAwait(false);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var validated = RunInputs.ValidateAll(loaded.Value.Prepared, request.Items);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var inputs = validated.Value.Select(i => i.ToJsonString()).ToList();
        var batch = new BatchRecord
        {
            AccountId = caller.AccountId,
            Id = StorageKeys.NewId("b_"),
            WorkflowId = loaded.Value.Workflow.Id,
            Version = loaded.Value.Version.Version,
            Total = inputs.Count,
            Concurrency = request.Concurrency,
            Status = BatchStatuses.Running,
            CreatedAt = time.GetUtcNow(),
        };
        await items.AddAsync(batch.AccountId, batch.Id, batch.WorkflowId, batch.Version, batch.CreatedAt, inputs, cancellationToken).ConfigureAwait(false);
        await batches.AddAsync(batch, cancellationToken).ConfigureAwait(false);
        var run = new BatchRunRequest
        {
            AccountId = batch.AccountId,
            BatchId = batch.Id,
            WorkflowId = batch.WorkflowId,
            Version = batch.Version,
            Total = batch.Total,
            Concurrency = batch.Concurrency,
            MaxConcurrentRuns = concurrency.Value.CapFor(batch.AccountId, loaded.Value.Workflow.MaxConcurrentRuns),
            TimeoutSeconds = request.TimeoutSeconds,
            CreatedAt = batch.CreatedAt,
        };
        await client.ScheduleNewOrchestrationInstanceAsync(
            FunctionNames.BatchOrchestrator,
            run,
            new StartOrchestrationOptions(batch.Id),
            CancellationToken.None)
            .ConfigureAwait(false);
        return batch;
    }

    /// <summary>
    /// Stops new starts (segments read the batch row), wakes the segments, then cancels what runs. Items that never
    /// started are marked cancelled by the batch orchestration as it stops.
    /// </summary>
    public async Task<Outcome<BatchRecord>> CancelAsync(DurableTaskClient client, Caller caller, string batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        var batch = await batches.FindAsync(caller.AccountId, batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return Failure.NotFound("Batch", batchId);
        }

        if (batch.Status == BatchStatuses.Completed)
        {
            return Failure.Conflict($"Batch '{batchId}' has already completed; there is nothing to cancel.");
        }

        if (batch.Status != BatchStatuses.Cancelled)
        {
            await batches.SetStatusAsync(caller.AccountId, batch.Id, BatchStatuses.Cancelled, null, cancellationToken).ConfigureAwait(false);
            counts.Forget(caller.AccountId, batch.Id);
            for (var from = 0; from < batch.Total; from += BatchOrchestrator.SegmentSize(batch.Concurrency))
            {
                await RaiseQuietlyAsync(client, BatchOrchestrator.SegmentId(batch.Id, from), cancellationToken).ConfigureAwait(false);
            }

            var query = new RunQuery { BatchId = batch.Id, Status = RunStatuses.Running, Limit = BatchRequest.MaxConcurrency * 2 };
            var running = await items.ListAsync(caller.AccountId, batch.Id, query, cancellationToken).ConfigureAwait(false);
            foreach (var run in running.Items.Where(r => r.Status == RunStatuses.Running))
            {
                await RaiseQuietlyAsync(client, run.RunId, cancellationToken).ConfigureAwait(false);
            }
        }

        return batch with { Status = BatchStatuses.Cancelled };
    }

    // A segment or run may not have started yet, or may have finished: either way there is nothing to signal.
    private static async Task RaiseQuietlyAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is not null && !instance.IsCompleted)
        {
            await client.RaiseEventAsync(instanceId, RunEvents.Cancel, new RunCancellation("The batch was cancelled."), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
