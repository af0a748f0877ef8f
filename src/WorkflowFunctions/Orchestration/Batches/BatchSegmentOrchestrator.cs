using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Orchestration.Batches;

/// <summary>
/// Runs one segment of a batch with a sliding window: it starts a run (a <see cref="WorkflowOrchestrator"/>
/// sub-orchestration whose instance ID is the item's run ID) whenever fewer than the batch's concurrency are in
/// flight, so the cap holds at every moment and the next item starts as soon as any finishes. Items are loaded
/// a chunk ahead by the <c>StartBatchItems</c> activity, which also reports a cancelled batch; a <c>cancel</c>
/// event stops it at once. It waits for its in-flight runs (and a load under way) before it returns.
/// <para>
/// Items start in index order, one for each run that ends: the run index relies on that order to hand the ending
/// item's concurrency slot to the item started next (see <c>BatchItems</c>), so the first load of a segment claims
/// its free slots and later loads claim none.
/// </para>
/// <para>
/// Its custom status lists the items it has seen finish, in that order (<see cref="BatchSegmentProgress"/>): the
/// batch's event feed.
/// </para>
/// </summary>
public static class BatchSegmentOrchestrator
{
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
        Task<BatchItemsChunk>? loading = null;
        var next = segment.From;
        var end = segment.From + segment.Count;
        // Free slots that no ending run hands over in the index: all of them until the first items are loaded.
        var unclaimed = batch.Concurrency;
        var started = 0;
        var cancelled = false;
        var finishedLog = new SegmentFinishLog(segment.From);
        while (true)
        {
            while (!cancelled && running.Count < batch.Concurrency && pending.Count > 0)
            {
                var start = pending.Dequeue();
                // Built and written only when the start is new: every episode of the segment replays every start
                // before it, and each request carries the pinned definition.
                var request = new ScheduledInput(context, () => WorkflowRunRequest.BatchItem(batch, segment.Definition, start.Index, start.Input));
                running[context.CallSubOrchestratorAsync<WorkflowRunResult>(
                    FunctionNames.WorkflowOrchestrator, request, new SubOrchestrationOptions { InstanceId = start.RunId })] = start;
                started++;
            }

            // Load ahead while the window is full, so a run that ends is followed at once by the next one.
            if (!cancelled && loading is null && next < end && pending.Count < batch.Concurrency)
            {
                var count = Math.Min(chunkSize, end - next);
                loading = context.CallActivityAsync<BatchItemsChunk>(
                    FunctionNames.StartBatchItems, new BatchItemsQuery(batch, next, count, unclaimed), Bookkeeping.Retry);
                next += count;
            }

            if (running.Count == 0 && loading is null)
            {
                break;
            }

            var waitingOn = new List<Task>(running.Count + 2);
            waitingOn.AddRange(running.Keys);
            if (loading is not null)
            {
                waitingOn.Add(loading);
            }

            // Once cancelled, the (completed) cancel event must not be raced again, or the loop would spin.
            if (!cancelled)
            {
                waitingOn.Add(cancelEvent);
            }

            var finished = await Task.WhenAny(waitingOn);
            if (finished == cancelEvent)
            {
                cancelled = true;
                CancelInFlight(context, running.Values, cancelEvent.Result);
                continue;
            }

            if (finished == loading)
            {
                var chunk = await loading;
                loading = null;
                if (!cancelled && (chunk.Cancelled || cancelEvent.IsCompleted))
                {
                    cancelled = true;
                    CancelInFlight(context, running.Values, cancelEvent.IsCompletedSuccessfully ? cancelEvent.Result : null);
                }

                unclaimed = Math.Max(0, unclaimed - chunk.Items.Count);
                foreach (var loaded in chunk.Items)
                {
                    pending.Enqueue(loaded);
                }

                continue;
            }

            var run = (Task<WorkflowRunResult>)finished;
            var item = running[run];
            running.Remove(run);
            finishedLog.Add(item.Index, run.IsCompletedSuccessfully ? run.Result?.Status ?? RunStatus.Failed : RunStatus.Failed);
            context.SetCustomStatus(finishedLog);
            if (run.IsFaulted)
            {
                // The run's orchestration itself crashed, so it recorded nothing: close its index row here.
                var crashed = WorkflowRunRequest.BatchItem(batch, segment.Definition, item.Index, null);
                var completion = RunCompletion.Stopped(
                    item.RunId,
                    crashed,
                    crashed.Index!,
                    RunStatuses.Failed,
                    run.Exception?.InnerException?.Message ?? "The run failed.",
                    new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
                await RunEnds.RecordAsync(context, completion with { StartedAt = batch.CreatedAt });
            }
        }

        cancelWait.Cancel();
        return new BatchSegmentResult(started, cancelled);
    }

    /// <summary>
    /// Passes the batch's cancel on to the runs in flight. The API signals the running items it can read, but an item
    /// whose first episode is not stored yet cannot be read (<see cref="FirstEpisode"/>), and a segment that learns of
    /// the cancel from its next load was not signalled at all; this message reaches every run the segment started.
    /// A run that has already received the API's cancel ignores the second.
    /// </summary>
    private static void CancelInFlight(TaskOrchestrationContext context, IEnumerable<BatchItemInput> running, RunCancellation? cancellation)
    {
        var reason = cancellation ?? new RunCancellation("The batch was cancelled.");
        foreach (var item in running)
        {
            context.SendEvent(item.RunId, RunEvents.Cancel, reason);
        }
    }
}
