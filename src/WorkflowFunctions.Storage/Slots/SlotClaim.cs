namespace WorkflowFunctions.Storage.Slots;

/// <summary>
/// One run's claim on its workflow's concurrency slots: which run, where it stands in line, and the cap it started
/// under. The line is ordered by <see cref="QueuedAt"/>, then run ID, so a claim made again (a retried call, a
/// re-check) finds its own place instead of joining the line a second time.
/// </summary>
public sealed record SlotClaim(string AccountId, string WorkflowId, string RunId)
{
    /// <summary>When the run joined the line (its place in FIFO order); null when unknown, and a release then searches the line.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>The cap the run started under; 0 is none.</summary>
    public int Limit { get; init; }

    /// <summary>When <see cref="Limit"/> was read: the newest reading of the cap governs all of the workflow's slots.</summary>
    public DateTimeOffset LimitSetAt { get; init; }
}
