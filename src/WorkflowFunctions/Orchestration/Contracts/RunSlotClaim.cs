using System.Text.Json.Serialization;
using WorkflowFunctions.Storage.Slots;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The <c>ClaimRunSlot</c> activity's input, and what a run's recorded end releases: which run of which workflow, its
/// place in line and the cap it started under.
/// </summary>
public sealed record RunSlotClaim
{
    [JsonPropertyName("account_id")]
    public required string AccountId { get; init; }

    [JsonPropertyName("workflow_id")]
    public required string WorkflowId { get; init; }

    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    /// <summary>The run's place in line: when it was accepted, or for a batch item when its batch started it; null when unknown.</summary>
    [JsonPropertyName("queued_at")]
    public DateTimeOffset? QueuedAt { get; init; }

    [JsonPropertyName("max_concurrent_runs")]
    public int MaxConcurrentRuns { get; init; }

    [JsonPropertyName("cap_read_at")]
    public DateTimeOffset CapReadAt { get; init; }

    /// <summary>True for a waiting run's own re-check (it may already hold a slot or stand in line).</summary>
    [JsonPropertyName("recheck")]
    public bool Recheck { get; init; }

    public static RunSlotClaim Of(string runId, string accountId, string workflowId, RunSlot slot, DateTimeOffset? queuedAt)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new()
        {
            AccountId = accountId,
            WorkflowId = workflowId,
            RunId = runId,
            QueuedAt = queuedAt,
            MaxConcurrentRuns = slot.MaxConcurrentRuns,
            CapReadAt = slot.CapReadAt,
        };
    }

    public SlotClaim ToClaim() => new(AccountId, WorkflowId, RunId) { QueuedAt = QueuedAt, Limit = MaxConcurrentRuns, LimitSetAt = CapReadAt };
}
