using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The <c>LoadWorkflowDefinition</c> activity's input: which saved workflow a <c>workflow-node</c> runs.</summary>
/// <param name="AccountId">The account of the parent run; a sub-run only sees that account's workflows.</param>
/// <param name="WorkflowId">The saved workflow's ID.</param>
/// <param name="Version">A pinned version, or null for the latest.</param>
public sealed record WorkflowDefinitionQuery(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("version")] int? Version);
