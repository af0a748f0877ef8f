using System.Text.Json.Serialization;

namespace WorkflowFunctions.Runs;

/// <summary>The <c>RecordRunCompletion</c> activity's input: how an indexed run ended.</summary>
public sealed record RunCompletion
{
    [JsonPropertyName("account_id")]
    public required string AccountId { get; init; }

    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    [JsonPropertyName("workflow_id")]
    public string? WorkflowId { get; init; }

    [JsonPropertyName("version")]
    public int? Version { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("completed_at")]
    public DateTimeOffset CompletedAt { get; init; }

    [JsonPropertyName("duration_ms")]
    public long DurationMs { get; init; }

    [JsonPropertyName("total_cost")]
    public decimal TotalCost { get; init; }

    [JsonPropertyName("batch_id")]
    public string? BatchId { get; init; }

    [JsonPropertyName("batch_index")]
    public int? BatchIndex { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
