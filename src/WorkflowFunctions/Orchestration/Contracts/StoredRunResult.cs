using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// A run result kept in the result store: its payload name, size and the number of parts it was written in
/// (<see cref="Parts"/> 0: one blob named <see cref="Name"/>, as earlier versions wrote it; otherwise blobs
/// <c>{Name}.0</c> to <c>{Name}.{Parts - 1}</c>, whose texts concatenated in order are the result's JSON).
/// </summary>
public sealed record StoredRunResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("parts")] int Parts = 0);
