using System.Text.Json.Serialization;

namespace WorkflowFunctions.Batches;

/// <summary>The <c>StartBatchItems</c> activity's input: the next slice of items a segment is about to run.</summary>
public sealed record BatchItemsQuery(
    [property: JsonPropertyName("batch")] BatchRunRequest Batch,
    [property: JsonPropertyName("from")] int From,
    [property: JsonPropertyName("count")] int Count);
