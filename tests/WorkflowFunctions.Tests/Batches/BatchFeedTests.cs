using WorkflowFunctions.Batches;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Batches;

namespace WorkflowFunctions.Tests.Batches;

public sealed class BatchFeedTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_SegmentsUnderWay_ItemsInTheOrderTheSegmentsSawThemFinish()
    {
        var snapshot = new BatchFeedSnapshot(Batch(total: 6, BatchStatuses.Running), [Segment(0, "1s,0f,2s"), Segment(3, "1s")]);

        var events = BatchFeed.Events(snapshot);

        Assert.Equal([1, 2, 3, 4, 5], events.Select(e => e.Seq));
        Assert.Equal([1, 0, 2, 4], events.Skip(1).Select(e => e.Index!.Value));
        Assert.Equal("b_1-00004", events[^1].RunId);
        Assert.Equal(new BatchEventCounts(6, 4, 3, 1, 0), events[^1].Counts);
        Assert.DoesNotContain(events, e => e.IsTerminal);
    }

    [Fact]
    public void Events_CancelledBatchFinished_ItemsNeverStartedEndCancelledInIndexOrderThenCancelled()
    {
        var batch = Batch(total: 5, BatchStatuses.Cancelled) with { CompletedAt = Created.AddMinutes(1) };
        var snapshot = new BatchFeedSnapshot(batch, [Segment(0, "1c,0s")]);

        var events = BatchFeed.Events(snapshot);

        Assert.Equal([1, 0, 2, 3, 4], events.Where(e => e.Type == BatchEventType.ItemFinished).Select(e => e.Index!.Value));
        Assert.Equal(BatchEventType.BatchCancelled, events[^1].Type);
        Assert.Equal(7, events[^1].Seq);
        Assert.Equal(new BatchEventCounts(5, 5, 1, 0, 4), events[^1].Counts);
        Assert.Equal(Created.AddMinutes(1), events[^1].At);
    }

    [Fact]
    public void Events_LaterRead_ExtendsTheEarlierOne()
    {
        var earlier = BatchFeed.Events(new BatchFeedSnapshot(Batch(total: 4, BatchStatuses.Running), [Segment(0, "2s")]));
        var later = BatchFeed.Events(new BatchFeedSnapshot(
            Batch(total: 4, BatchStatuses.Completed) with { CompletedAt = Created },
            [Segment(0, "2s,0s,3s,1s")]));

        Assert.Equal(earlier, later.Take(earlier.Count));
        Assert.Equal(BatchEventType.BatchCompleted, later[^1].Type);
    }

    private static BatchRecord Batch(int total, string status) => new()
    {
        AccountId = "acct", Id = "b_1", WorkflowId = "wf", Version = 1, Total = total, Concurrency = 2, Status = status, CreatedAt = Created,
    };

    private static BatchSegmentProgress Segment(int from, string finished) => new() { From = from, Finished = finished };
}
