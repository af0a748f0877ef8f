using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// Present on runs started through the API: where the run sits in the run index, so the orchestrator can record
/// how it ended (the <c>RecordRunCompletion</c> activity). Runs without it (tests, benchmarks) skip indexing.
/// </summary>
public sealed record RunIndexEntry
{
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("batch_id")]
    public string? BatchId { get; init; }

    [JsonPropertyName("batch_index")]
    public int? BatchIndex { get; init; }

    /// <summary>Free labels the run started with (see <c>RunRecord.Tags</c>), kept until its end is recorded.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
