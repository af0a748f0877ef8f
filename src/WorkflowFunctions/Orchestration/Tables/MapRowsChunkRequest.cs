using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>One chunk's input: rows <see cref="From"/> onwards of the node's table.</summary>
public sealed record MapRowsChunkRequest
{
    [JsonPropertyName("call")]
    public required MapRowsCall Call { get; init; }

    /// <summary>The index of the chunk's first row in the node's table.</summary>
    [JsonPropertyName("from")]
    public int From { get; init; }

    [JsonPropertyName("rows")]
    public required IReadOnlyList<JsonObject> Rows { get; init; }

    /// <summary>This chunk's share of the node's concurrency.</summary>
    [JsonPropertyName("concurrency")]
    public int Concurrency { get; init; } = 1;
}
