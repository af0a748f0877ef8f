using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>Why a run failed or was cancelled.</summary>
/// <param name="NodeId">The node whose failure failed the run; null for run-level causes (run timeout, cancellation, invalid definition).</param>
/// <param name="Message">A human-readable reason.</param>
public sealed record RunError(
    [property: JsonPropertyName("node_id")] string? NodeId,
    [property: JsonPropertyName("message")] string Message);
