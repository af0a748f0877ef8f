using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>One version of a saved workflow, as a sub-run needs it.</summary>
/// <param name="WorkflowId">The workflow's ID.</param>
/// <param name="Version">The version found (the latest when none was asked for).</param>
/// <param name="Definition">The graph (reference 003 <c>data</c>), in its executable form.</param>
public sealed record StoredWorkflowDefinition(
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("definition")] JsonElement Definition)
{
    /// <summary>The sub-run's input, validated against the workflow's input fields (defaults applied, values coerced).</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>Why the sub-run cannot start: its input is invalid, or the workflow has errors.</summary>
    [JsonPropertyName("input_error")]
    public string? InputError { get; init; }
}
