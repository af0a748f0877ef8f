using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>
/// The per-run state machine over an <see cref="ExecutionPlan"/>. Pure and deterministic: the same calls in
/// the same order give the same answers, so an orchestrator can rebuild it by replay.
/// </summary>
public sealed class GraphScheduler
{
    public GraphScheduler(ExecutionPlan plan) => throw new NotImplementedException();

    /// <summary>Starts the run: returns the initially ready nodes (the start node).</summary>
    public SchedulerStep Start() => throw new NotImplementedException();

    /// <summary>A ready node finished. <paramref name="branch"/> is the taken branch of an if-else node (else <see cref="Branch.None"/>).</summary>
    public SchedulerStep Complete(string nodeId, Branch branch = Branch.None) => throw new NotImplementedException();

    /// <summary>A ready node failed. With <paramref name="continueOnError"/> its successors proceed as if it had finished; otherwise the run fails.</summary>
    public SchedulerStep Fail(string nodeId, bool continueOnError = false) => throw new NotImplementedException();

    /// <summary>The scheduler's view of a node.</summary>
    public SchedulerNodeState StateOf(string nodeId) => throw new NotImplementedException();

    /// <summary>The run's outcome so far.</summary>
    public RunOutcome Outcome => throw new NotImplementedException();
}
