using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The <c>StartBatchItems</c> activity's input: the next slice of items a segment is about to run, and how many of
/// them take a concurrency slot now (<see cref="Slots"/>: the segment's free slots that no ending item hands over,
/// which is all of them when the segment starts and none afterwards).
/// </summary>
public sealed record BatchItemsQuery(
    [property: JsonPropertyName("batch")] BatchRunRequest Batch,
    [property: JsonPropertyName("from")] int From,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("slots")] int Slots = 0);
