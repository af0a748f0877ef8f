using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration.Batches;

/// <summary>
/// Runs a batch: loads the pinned definition once, then runs the items in segments (see <see cref="SegmentSize"/>)
/// as sub-orchestrations (<see cref="BatchSegmentOrchestrator"/>), one after another, so no single orchestration's
/// history grows with the batch, and finally marks the batch completed or cancelled. Each segment keeps at most
/// the batch's concurrency of runs in flight.
/// </summary>
public static class BatchOrchestrator
{
    /// <summary>
    /// Items per segment: twenty windows' worth, between 50 and 500. Every finished run replays its segment's
    /// history, so smaller segments replay less; each segment boundary drains the window once, so segments of
    /// many windows keep that cost small. 10,000 items at concurrency 50 are 20 segments.
    /// </summary>
    public static int SegmentSize(int concurrency) => Math.Clamp(concurrency * 20, 50, 500);

    [Function(FunctionNames.BatchOrchestrator)]
    public static async Task<BatchSegmentResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var batch = context.GetInput<BatchRunRequest>()
            ?? throw new InvalidOperationException("The batch orchestrator needs a BatchRunRequest input.");
        var stored = await context.CallActivityAsync<StoredWorkflowDefinition?>(
            FunctionNames.LoadWorkflowDefinition, new WorkflowDefinitionQuery(batch.AccountId, batch.WorkflowId, batch.Version), Bookkeeping.Retry);
        if (stored is null)
        {
            await context.CallActivityAsync(
                FunctionNames.CompleteBatch,
                new BatchCompletion(
                    batch.AccountId, batch.BatchId, Cancelled: true, $"Workflow '{batch.WorkflowId}' version {batch.Version} no longer exists."),
                Bookkeeping.Retry);
            return new BatchSegmentResult(0, Cancelled: true);
        }

        var started = 0;
        var cancelled = false;
        var size = SegmentSize(batch.Concurrency);
        for (var from = 0; from < batch.Total && !cancelled; from += size)
        {
            var segment = new BatchSegmentRequest { Batch = batch, Definition = stored.Definition, From = from, Count = Math.Min(size, batch.Total - from) };
            var result = await context.CallSubOrchestratorAsync<BatchSegmentResult>(
                FunctionNames.BatchSegment, segment, new SubOrchestrationOptions { InstanceId = SegmentId(batch.BatchId, from) });
            started += result.Started;
            cancelled = result.Cancelled;
        }

        await context.CallActivityAsync(FunctionNames.CompleteBatch, new BatchCompletion(batch.AccountId, batch.BatchId, cancelled), Bookkeeping.Retry);
        return new BatchSegmentResult(started, cancelled);
    }

    /// <summary>The instance ID of the segment that starts at item <paramref name="from"/>; the cancel endpoint signals these.</summary>
    public static string SegmentId(string batchId, int from) => $"{batchId}-s{from:D5}";
}
