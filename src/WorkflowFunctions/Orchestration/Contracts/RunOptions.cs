namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>Per-run options chosen at start.</summary>
public sealed record RunOptions
{
    /// <summary>The run timeout in seconds; null uses the service default (15 minutes), capped at the service maximum.</summary>
    public int? TimeoutSeconds { get; init; }
}
