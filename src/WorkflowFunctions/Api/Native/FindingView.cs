using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Api.Native;

/// <summary>A validation finding as the API reports it (<c>errors[]</c> of a 422, and validate results).</summary>
public static class FindingView
{
    public static object From(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new
        {
            code = finding.Code,
            message = finding.Message,
            severity = finding.Severity == FindingSeverity.Error ? "error" : "warning",
            node_id = finding.NodeId,
            path = finding.Path,
        };
    }
}
