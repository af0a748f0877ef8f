using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Batches;

/// <summary>
/// One event of a batch's feed (<see cref="BatchFeed"/>): its sequence number (the same for every reader), what
/// happened, the item it concerns, and the counts after it, enough for a progress bar over 10,000 items.
/// </summary>
public sealed record BatchEvent(int Seq, BatchEventType Type, string BatchId, BatchEventCounts Counts)
{
    /// <summary>When it happened, for the batch's own events; item events carry none (a segment records the order, not the time).</summary>
    public DateTimeOffset? At { get; init; }

    public string? RunId { get; init; }

    public int? Index { get; init; }

    public RunStatus? Status { get; init; }

    public bool IsTerminal => Type is BatchEventType.BatchCompleted or BatchEventType.BatchCancelled;
}

/// <summary>Items finished so far, by how they ended, out of the batch's total.</summary>
public sealed record BatchEventCounts(int Total, int Finished, int Succeeded, int Failed, int Cancelled)
{
    public BatchEventCounts With(RunStatus status) => status switch
    {
        RunStatus.Succeeded => this with { Finished = Finished + 1, Succeeded = Succeeded + 1 },
        RunStatus.Cancelled => this with { Finished = Finished + 1, Cancelled = Cancelled + 1 },
        _ => this with { Finished = Finished + 1, Failed = Failed + 1 },
    };
}
