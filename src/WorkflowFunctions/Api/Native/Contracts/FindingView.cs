using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>A validation finding as the API reports it (<c>errors[]</c> of a 422, and validate results).</summary>
public sealed record FindingView(string Code, string Message, string Severity, string? NodeId, string? Path)
{
    public static FindingView From(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.Code, finding.Message, finding.Severity == FindingSeverity.Error ? "error" : "warning", finding.NodeId, finding.Path);
    }
}
