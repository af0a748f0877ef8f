namespace WorkflowFunctions.Engine.Validation;

/// <summary>How serious a finding is: errors block running a workflow, warnings do not.</summary>
public enum FindingSeverity
{
    Warning = 0,
    Error = 1,
}

/// <summary>
/// One problem found in a workflow definition or a run input.
/// </summary>
/// <param name="Code">A stable, machine-readable code such as <c>edge.unknown_target</c>; see <see cref="FindingCodes"/>.</param>
/// <param name="Message">A human-readable explanation naming the node, field or limit involved.</param>
/// <param name="Severity">Whether the finding blocks running.</param>
/// <param name="NodeId">The node the finding is about, when there is one.</param>
/// <param name="Path">JSON path of the offending value within the definition (or input), e.g. <c>$.nodes[2].data.condition.operator</c>.</param>
public sealed record ValidationFinding(
    string Code,
    string Message,
    FindingSeverity Severity,
    string? NodeId,
    string Path)
{
    public static ValidationFinding Error(string code, string message, string path, string? nodeId = null) =>
        new(code, message, FindingSeverity.Error, nodeId, path);

    public static ValidationFinding Warning(string code, string message, string path, string? nodeId = null) =>
        new(code, message, FindingSeverity.Warning, nodeId, path);
}
