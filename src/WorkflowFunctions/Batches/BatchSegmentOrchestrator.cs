using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Batches;

/// <summary>
/// Runs one segment of a batch with a sliding window: it starts a run (a <see cref="WorkflowOrchestrator"/>
/// sub-orchestration whose instance ID is the item's run ID) whenever fewer than the batch's concurrency are in
/// flight, so the cap holds at every moment and the next item starts as soon as any finishes. Items are loaded
/// a few at a time by the <c>StartBatchItems</c> activity, which also reports a cancelled batch; a <c>cancel</c>
/// event stops it at once. It waits for its in-flight runs before it returns.
/// </summary>
public static class BatchSegmentOrchestrator
{
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(2)));

    [Function(FunctionNames.BatchSegment)]
    public static async Task<BatchSegmentResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var segment = context.GetInput<BatchSegmentRequest>()
            ?? throw new InvalidOperationException("The batch segment orchestrator needs a BatchSegmentRequest input.");
        var batch = segment.Batch;
        var chunkSize = Math.Clamp(batch.Concurrency * 2, 10, 100);
        var pending = new Queue<BatchItemInput>();
        var running = new Dictionary<Task<WorkflowRunResult>, BatchItemInput>();
        using var cancelWait = new CancellationTokenSource();
        var cancelEvent = context.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, cancelWait.Token);
        var next = segment.From;
        var end = segment.From + segment.Count;
        var started = 0;
        var cancelled = false;
        while (true)
        {
            while (!cancelled && running.Count < batch.Concurrency)
            {
                if (pending.Count == 0)
                {
                    if (next >= end)
                    {
                        break;
                    }

                    var count = Math.Min(chunkSize, end - next);
                    var chunk = await context.CallActivityAsync<BatchItemsChunk>(FunctionNames.StartBatchItems, new BatchItemsQuery(batch, next, count), ActivityRetry);
                    next += count;
                    cancelled = chunk.Cancelled || cancelEvent.IsCompleted;
                    foreach (var loaded in chunk.Items)
                    {
                        pending.Enqueue(loaded);
                    }

                    continue;
                }

                var start = pending.Dequeue();
                var request = new WorkflowRunRequest
                {
                    AccountId = batch.AccountId,
                    WorkflowId = batch.WorkflowId,
                    Version = batch.Version,
                    Definition = segment.Definition,
                    Input = start.Input,
                    Options = new RunOptions { TimeoutSeconds = batch.TimeoutSeconds },
                    Index = new RunIndexEntry { CreatedAt = batch.CreatedAt, BatchId = batch.BatchId, BatchIndex = start.Index },
                };
                running[context.CallSubOrchestratorAsync<WorkflowRunResult>(FunctionNames.WorkflowOrchestrator, request, new SubOrchestrationOptions { InstanceId = start.RunId })] = start;
                started++;
            }

            if (running.Count == 0)
            {
                break;
            }

            // Once cancelled, the (completed) cancel event must not be raced again, or the loop would spin.
            var waitingOn = cancelled ? running.Keys.Cast<Task>() : running.Keys.Cast<Task>().Append(cancelEvent);
            var finished = await Task.WhenAny(waitingOn);
            if (finished == cancelEvent)
            {
                cancelled = true;
                continue;
            }

            var run = (Task<WorkflowRunResult>)finished;
            var item = running[run];
            running.Remove(run);
            if (run.IsFaulted)
            {
                // The run's orchestration itself crashed, so it recorded nothing: close its index row here.
                await context.CallActivityAsync(FunctionNames.RecordRunCompletion, Crashed(batch, item, run.Exception?.InnerException?.Message, context.CurrentUtcDateTime), ActivityRetry);
            }
        }

        cancelWait.Cancel();
        return new BatchSegmentResult(started, cancelled);
    }

    private static RunCompletion Crashed(BatchRunRequest batch, BatchItemInput item, string? error, DateTime now) => new()
    {
        AccountId = batch.AccountId,
        RunId = item.RunId,
        WorkflowId = batch.WorkflowId,
        Version = batch.Version,
        Status = RunStatuses.Failed,
        CreatedAt = batch.CreatedAt,
        StartedAt = batch.CreatedAt,
        CompletedAt = new DateTimeOffset(now, TimeSpan.Zero),
        BatchId = batch.BatchId,
        BatchIndex = item.Index,
        Error = error ?? "The run failed.",
    };
}
