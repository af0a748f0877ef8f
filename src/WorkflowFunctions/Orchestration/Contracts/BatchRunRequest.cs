using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The batch orchestrator's input. Item inputs stay in the run index; segments load them as they go.</summary>
public sealed record BatchRunRequest
{
    [JsonPropertyName("account_id")]
    public required string AccountId { get; init; }

    [JsonPropertyName("batch_id")]
    public required string BatchId { get; init; }

    [JsonPropertyName("workflow_id")]
    public required string WorkflowId { get; init; }

    [JsonPropertyName("version")]
    public required int Version { get; init; }

    [JsonPropertyName("total")]
    public required int Total { get; init; }

    [JsonPropertyName("concurrency")]
    public required int Concurrency { get; init; }

    /// <summary>The workflow's concurrency cap when the batch was created; every item also waits for a slot of it. Null: none.</summary>
    [JsonPropertyName("max_concurrent_runs")]
    public int? MaxConcurrentRuns { get; init; }

    [JsonPropertyName("timeout_seconds")]
    public int? TimeoutSeconds { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }
}
