using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// On a run whose workflow has a concurrency cap: the cap in force when the run was accepted, and when it was read (the
/// newest reading governs the workflow's slots). Runs without it (uncapped workflows, ad-hoc definitions, sub-runs)
/// never touch the slots.
/// </summary>
public sealed record RunSlot
{
    [JsonPropertyName("max_concurrent_runs")]
    public int MaxConcurrentRuns { get; init; }

    [JsonPropertyName("cap_read_at")]
    public DateTimeOffset CapReadAt { get; init; }

    /// <summary>The slot of a run accepted at <paramref name="readAt"/> under <paramref name="cap"/>; null without a cap.</summary>
    public static RunSlot? Of(int? cap, DateTimeOffset readAt) => cap is > 0 ? new RunSlot { MaxConcurrentRuns = cap.Value, CapReadAt = readAt } : null;
}
