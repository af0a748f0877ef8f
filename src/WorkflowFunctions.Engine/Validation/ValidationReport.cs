namespace WorkflowFunctions.Engine.Validation;

/// <summary>Every finding of one validation, in a stable order. Errors block running; warnings do not.</summary>
public sealed record ValidationReport(IReadOnlyList<ValidationFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    public IReadOnlyList<ValidationFinding> Errors => [.. Findings.Where(f => f.Severity == FindingSeverity.Error)];

    public IReadOnlyList<ValidationFinding> Warnings => [.. Findings.Where(f => f.Severity == FindingSeverity.Warning)];
}
