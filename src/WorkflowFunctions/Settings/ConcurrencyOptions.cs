namespace WorkflowFunctions.Settings;

/// <summary>
/// Caps on how many runs of one workflow run at once, bound from the <c>Concurrency</c> section. A workflow's own
/// <c>max_concurrent_runs</c> wins; a workflow that sets none follows its account's default
/// (<c>Concurrency__AccountMaxConcurrentRuns__&lt;account&gt;</c>), else <see cref="DefaultMaxConcurrentRuns"/>. See
/// docs/orchestration.md#concurrency-caps.
/// </summary>
public sealed class ConcurrencyOptions
{
    public const string SectionName = "Concurrency";

    /// <summary>The largest cap a workflow or setting may name.</summary>
    public const int MaxCap = 1000;

    /// <summary>The cap of a workflow that sets none, in an account without its own default; 0 is none.</summary>
    public int DefaultMaxConcurrentRuns { get; set; }

    /// <summary>Per-account defaults, keyed by account ID, for workflows that set no cap of their own; 0 is none.</summary>
    public Dictionary<string, int> AccountMaxConcurrentRuns { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How often a waiting run checks its place itself (seconds): a safety net for a wake-up that never came and for a
    /// slot its holder left behind; a run normally starts the moment a holder hands it its slot.
    /// </summary>
    public int RecheckSeconds { get; set; } = 60;

    /// <summary>The cap in force for a workflow of <paramref name="accountId"/> whose own setting is <paramref name="workflowCap"/>; null is none.</summary>
    public int? CapFor(string accountId, int? workflowCap)
    {
        var cap = workflowCap ?? (AccountMaxConcurrentRuns.TryGetValue(accountId, out var account) ? account : DefaultMaxConcurrentRuns);
        return cap > 0 ? Math.Min(cap, MaxCap) : null;
    }
}
