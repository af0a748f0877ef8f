using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>The map-rows orchestrator's input: the rows, what their calls share, and how to spread them.</summary>
public sealed record MapRowsRequest
{
    [JsonPropertyName("call")]
    public required MapRowsCall Call { get; init; }

    [JsonPropertyName("rows")]
    public required IReadOnlyList<JsonObject> Rows { get; init; }

    /// <summary>Rows in flight at once across every chunk of the node.</summary>
    [JsonPropertyName("concurrency")]
    public int Concurrency { get; init; } = 1;

    [JsonPropertyName("chunk_rows")]
    public int ChunkRows { get; init; } = 100;

    [JsonPropertyName("parallel_chunks")]
    public int ParallelChunks { get; init; } = 1;
}
