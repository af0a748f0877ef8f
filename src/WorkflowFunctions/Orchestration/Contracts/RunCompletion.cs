using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The <c>RecordRunCompletion</c> activity's input: how an indexed run ended.</summary>
public sealed record RunCompletion
{
    /// <summary>
    /// The largest serialized <see cref="Result"/> a completion carries. A larger result is left out (it would be
    /// stored twice in the run's history for little gain), and its waiters read it from the finished orchestration.
    /// </summary>
    public const int MaxCarriedResultBytes = 64 * 1024;

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

    /// <summary>
    /// The run's final result, when it is at most <see cref="MaxCarriedResultBytes"/>: the orchestration's output
    /// to be, so requests waiting on this instance answer the moment the end is recorded instead of after the
    /// orchestration's last commit. Null for crashed runs and large results.
    /// </summary>
    [JsonPropertyName("result")]
    public WorkflowRunResult? Result { get; init; }
}
