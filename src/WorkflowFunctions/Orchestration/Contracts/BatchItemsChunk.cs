using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>Items ready to run (those not already final), or <see cref="Cancelled"/> when the batch was cancelled.</summary>
public sealed record BatchItemsChunk(
    [property: JsonPropertyName("items")] IReadOnlyList<BatchItemInput> Items,
    [property: JsonPropertyName("cancelled")] bool Cancelled);

/// <summary>One item to run: position, run ID and validated input.</summary>
public sealed record BatchItemInput(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("input")] JsonElement Input);
