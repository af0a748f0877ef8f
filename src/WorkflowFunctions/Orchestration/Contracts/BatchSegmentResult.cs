using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>What a segment reports: how many runs it started, and whether the batch was cancelled while it ran.</summary>
public sealed record BatchSegmentResult(
    [property: JsonPropertyName("started")] int Started,
    [property: JsonPropertyName("cancelled")] bool Cancelled);
