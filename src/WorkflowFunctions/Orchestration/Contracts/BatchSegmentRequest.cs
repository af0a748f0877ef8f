using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// A batch segment's input: items <see cref="From"/> .. <see cref="From"/> + <see cref="Count"/> - 1 of the batch, and the pinned definition.
/// </summary>
public sealed record BatchSegmentRequest
{
    [JsonPropertyName("batch")]
    public required BatchRunRequest Batch { get; init; }

    [JsonPropertyName("definition")]
    public required JsonElement Definition { get; init; }

    [JsonPropertyName("from")]
    public required int From { get; init; }

    [JsonPropertyName("count")]
    public required int Count { get; init; }
}
