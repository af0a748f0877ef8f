namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>The kind of outcome a run has reached.</summary>
public enum RunOutcomeKind
{
    /// <summary>Nodes are still ready or pending.</summary>
    Running = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>The run's outcome; <see cref="FailedNodeId"/> names the first node whose failure failed the run.</summary>
public sealed record RunOutcome(RunOutcomeKind Kind, string? FailedNodeId = null);
