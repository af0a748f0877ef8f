using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>A row whose call failed (after its retries), by its index in the node's table.</summary>
public sealed record RowError(
    [property: JsonPropertyName("row")] int Row,
    [property: JsonPropertyName("error")] string Error);
