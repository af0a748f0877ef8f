using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// One run's use of its <see cref="RunBudget"/>, kept by the orchestrator in replay order, so it is deterministic.
/// Each node executed costs one node execution; each sub-run costs one sub-run and is granted a share of what is
/// left for its own tree: this run first keeps one node execution for each of its nodes that may still run and one
/// sub-run for each workflow node that may still start, then splits the rest evenly between this workflow node and
/// those others. When the sub-run ends, what it did not use (its metrics say) comes back for later nodes; when its
/// end is unknown (it crashed, or this run stopped), its whole share counts as used.
/// </summary>
internal sealed class RunBudgetAccount(RunBudget granted)
{
    private int _subRunsLeft = granted.SubRuns;
    private int _nodesLeft = granted.NodeExecutions;

    /// <summary>The account as a checkpoint keeps it.</summary>
    public RunBudgetState State => new(_subRunsLeft, _nodesLeft, SubRunsUsed, NodeExecutionsUsed);

    /// <summary>Puts back an account a checkpoint kept.</summary>
    public void Restore(RunBudgetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _subRunsLeft = state.SubRunsLeft;
        _nodesLeft = state.NodesLeft;
        SubRunsUsed = state.SubRunsUsed;
        NodeExecutionsUsed = state.NodeExecutionsUsed;
    }

    /// <summary>Sub-runs started by this run and its sub-runs (a share whose use is unknown counts whole).</summary>
    public int SubRunsUsed { get; private set; }

    /// <summary>Nodes executed by this run and its sub-runs (a share whose use is unknown counts whole).</summary>
    public int NodeExecutionsUsed { get; private set; }

    /// <summary>Spends one node execution; false when none is left.</summary>
    public bool TrySpendNode()
    {
        if (_nodesLeft < 1)
        {
            return false;
        }

        _nodesLeft--;
        NodeExecutionsUsed++;
        return true;
    }

    /// <summary>
    /// Spends one sub-run and grants the new sub-run its share, or returns null when no sub-run is left.
    /// </summary>
    /// <param name="workflowNodesToStart">This run's workflow nodes that may still start, this one included.</param>
    /// <param name="nodesToRun">This run's nodes that may still execute, this one excluded.</param>
    public RunBudget? TryGrantSubRun(int workflowNodesToStart, int nodesToRun)
    {
        if (_subRunsLeft < 1)
        {
            return null;
        }

        _subRunsLeft--;
        SubRunsUsed++;
        var sharers = Math.Max(1, workflowNodesToStart);
        var grant = new RunBudget
        {
            SubRuns = Math.Max(0, _subRunsLeft - (sharers - 1)) / sharers,
            NodeExecutions = Math.Max(0, _nodesLeft - nodesToRun) / sharers,
        };
        _subRunsLeft -= grant.SubRuns;
        _nodesLeft -= grant.NodeExecutions;
        return grant;
    }

    /// <summary>The sub-run was never started: its cost and share come back.</summary>
    public void Return(RunBudget grant)
    {
        _subRunsLeft += 1 + grant.SubRuns;
        _nodesLeft += grant.NodeExecutions;
        SubRunsUsed--;
    }

    /// <summary>The sub-run ended and reports what its tree used: the rest of its share comes back.</summary>
    public void Settle(RunBudget grant, int subRunsUsed, int nodeExecutionsUsed)
    {
        var subRuns = Math.Clamp(subRunsUsed, 0, grant.SubRuns);
        var nodes = Math.Clamp(nodeExecutionsUsed, 0, grant.NodeExecutions);
        _subRunsLeft += grant.SubRuns - subRuns;
        _nodesLeft += grant.NodeExecutions - nodes;
        SubRunsUsed += subRuns;
        NodeExecutionsUsed += nodes;
    }

    /// <summary>What the sub-run used is unknown: its whole share counts as used.</summary>
    public void Forfeit(RunBudget grant)
    {
        SubRunsUsed += grant.SubRuns;
        NodeExecutionsUsed += grant.NodeExecutions;
    }
}
