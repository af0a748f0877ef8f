namespace WorkflowFunctions.Storage.Runs;

/// <summary>Filters of a run history page; newest first.</summary>
public sealed record RunQuery
{
    public string? WorkflowId { get; init; }

    /// <summary>A status word; <c>queued</c>, <c>running</c> and <c>waiting</c> all match runs that have not ended.</summary>
    public string? Status { get; init; }

    /// <summary>Exclusive lower bound of the creation time.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Exclusive upper bound of the creation time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    public string? BatchId { get; init; }

    /// <summary>The sub-runs of one run (its children partition).</summary>
    public string? ParentRunId { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>The position returned by the previous page.</summary>
    public string? After { get; init; }
}
