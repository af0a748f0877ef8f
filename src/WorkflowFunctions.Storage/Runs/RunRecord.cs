namespace WorkflowFunctions.Storage.Runs;

/// <summary>A run's row in the run index: what history lists show without opening the orchestration.</summary>
public sealed record RunRecord
{
    public required string AccountId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The saved workflow, or null for an ad-hoc definition.</summary>
    public string? WorkflowId { get; init; }

    public int? Version { get; init; }

    /// <summary><c>queued</c> until the run ends, then <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long? DurationMs { get; init; }

    public decimal? TotalCost { get; init; }

    public string? BatchId { get; init; }

    public int? BatchIndex { get; init; }

    /// <summary>The first 1,000 characters of the run's error message, when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Tokens the run's LLM calls read (sub-runs included), once it has ended.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Tokens the run's LLM calls wrote (sub-runs included), once it has ended.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>
    /// The run whose <c>workflow-node</c> started this one. Sub-runs are kept in their parent's children partition
    /// only, so the account's history lists the runs callers started, and a parent's children are one query away.
    /// </summary>
    public string? ParentRunId { get; init; }

    /// <summary>Free labels set when the run starts (e.g. an API's session or deployment id); at most 10, short.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public bool IsFinal => RunStatuses.IsFinal(Status);
}
