using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>A run result kept in the result store: its payload name and size.</summary>
public sealed record StoredRunResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes);
