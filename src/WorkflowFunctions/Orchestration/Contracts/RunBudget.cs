namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// How many sub-runs and node executions a run and everything it starts may still use. A top-level run gets
/// <c>Orchestration__MaxSubRunsPerRun</c> and <c>Orchestration__MaxNodeExecutionsPerRun</c>; a sub-run gets the share
/// its parent granted it (see <c>RunBudgetAccount</c>), so a whole run tree stays within the top run's budget.
/// </summary>
public sealed record RunBudget
{
    /// <summary>Sub-runs that may still start anywhere below this run.</summary>
    public int SubRuns { get; init; }

    /// <summary>Nodes that may still execute in this run and below it.</summary>
    public int NodeExecutions { get; init; }
}
