using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Batches;

namespace WorkflowFunctions.Batches;

/// <summary>
/// A batch's events, derived from a <see cref="BatchFeedSnapshot"/>: 1 started, then one <c>item.finished</c> per
/// item in the order the items finished, then exactly one terminal event. The order is the segments' own record
/// (each segment lists its items as it sees them finish, in its custom status; segments run one after another), so
/// every reader numbers the events the same and no event is stored on its own. Items a cancel stopped before they
/// started end cancelled, in index order, once the batch has finished.
/// </summary>
public static class BatchFeed
{
    public static IReadOnlyList<BatchEvent> Events(BatchFeedSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var batch = snapshot.Batch;
        var counts = new BatchEventCounts(batch.Total, 0, 0, 0, 0);
        var events = new List<BatchEvent> { new(1, BatchEventType.BatchStarted, batch.Id, counts) { At = batch.CreatedAt } };
        var seen = new HashSet<int>();
        foreach (var segment in snapshot.Segments)
        {
            foreach (var (index, status) in segment.Items())
            {
                if (index >= 0 && index < batch.Total && seen.Add(index))
                {
                    counts = counts.With(status);
                    events.Add(Item(events.Count + 1, batch, index, status, counts));
                }
            }
        }

        if (!snapshot.IsFinal)
        {
            return events;
        }

        var cancelled = batch.Status == BatchStatuses.Cancelled;
        for (var index = 0; index < batch.Total; index++)
        {
            if (seen.Add(index))
            {
                // Never started (a cancelled batch), or its end was not listed: the index marks it so.
                var status = cancelled ? RunStatus.Cancelled : RunStatus.Failed;
                counts = counts.With(status);
                events.Add(Item(events.Count + 1, batch, index, status, counts));
            }
        }

        events.Add(new BatchEvent(events.Count + 1, cancelled ? BatchEventType.BatchCancelled : BatchEventType.BatchCompleted, batch.Id, counts)
        {
            At = batch.CompletedAt,
        });
        return events;
    }

    private static BatchEvent Item(int seq, BatchRecord batch, int index, RunStatus status, BatchEventCounts counts) =>
        new(seq, BatchEventType.ItemFinished, batch.Id, counts) { RunId = RunIds.BatchItem(batch.Id, index), Index = index, Status = status };
}
