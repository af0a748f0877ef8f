using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Validation;

/// <summary>
/// Workflow nodes that certainly call the workflow being saved: their <c>workflow_id</c> is its ID or integer alias
/// and they pin no version (<c>workflow_version</c>, or a legacy integer <c>version</c>; reference 003's string
/// <c>version</c> is the node format's), so they run this very definition again from every run, which can only end at
/// the depth or sub-run limit. They are errors (<c>workflow_node.calls_itself</c>). A pinned version may be an older
/// one that does not call back, so it is left to the run's sub-run budget.
/// </summary>
public static class SelfCalls
{
    public static IReadOnlyList<ValidationFinding> Find(WorkflowDefinition definition, string workflowId, int? alias)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(workflowId);
        var aliasText = alias?.ToString(CultureInfo.InvariantCulture);
        var findings = new List<ValidationFinding>();
        foreach (var node in definition.Nodes.Where(n => n.Type == NodeTypes.Workflow && !PinsVersion(n.Data)))
        {
            var called = Scalar(node.Data["workflow_id"])?.Trim();
            if (called is not null && (called == workflowId || called == aliasText))
            {
                findings.Add(ValidationFinding.Error(
                    FindingCodes.WorkflowNodeCallsItself,
                    $"Node '{node.Id}' runs this workflow ('{called}') again, so every run would start itself until the sub-run limit; "
                        + "call another workflow, or pin an older version.",
                    node.Path + ".data.workflow_id",
                    node.Id));
            }
        }

        return findings;
    }

    private static bool PinsVersion(JsonObject data) =>
        int.TryParse(Scalar(data["workflow_version"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        || (data["version"] is JsonValue legacy && legacy.GetValueKind() == JsonValueKind.Number);

    private static string? Scalar(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
