using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>One version of a saved workflow, as a sub-run needs it.</summary>
/// <param name="WorkflowId">The workflow's ID.</param>
/// <param name="Version">The version found (the latest when none was asked for).</param>
/// <param name="Definition">The graph (reference 003 <c>data</c>).</param>
public sealed record StoredWorkflowDefinition(
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("definition")] JsonElement Definition);
