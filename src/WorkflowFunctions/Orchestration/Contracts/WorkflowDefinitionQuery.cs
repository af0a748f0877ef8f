using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The <c>LoadWorkflowDefinition</c> activity's input: which saved workflow a <c>workflow-node</c> runs.</summary>
/// <param name="AccountId">The account of the parent run; a sub-run only sees that account's workflows.</param>
/// <param name="WorkflowId">The saved workflow's ID.</param>
/// <param name="Version">A pinned version, or null for the latest.</param>
/// <param name="Input">
/// The sub-run's input as rendered by the parent, validated by the activity against the child's input fields so the
/// orchestrator never parses the child's definition (on replay it reads the activity's result instead); null when
/// only the definition is wanted (batches).
/// </param>
public sealed record WorkflowDefinitionQuery(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("input")] JsonNode? Input = null);
