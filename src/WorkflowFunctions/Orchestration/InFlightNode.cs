using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>The kinds of node work the orchestrator waits for.</summary>
internal enum NodeWorkKind
{
    /// <summary>An I/O node run by the <c>ExecuteNode</c> activity.</summary>
    Activity = 0,

    /// <summary>An approval node waiting for its decision event.</summary>
    Approval = 1,

    /// <summary>A <c>workflow-node</c>'s sub-run.</summary>
    SubWorkflow = 2,

    /// <summary>A <c>map-rows-node</c>'s rows, run by the map-rows orchestration.</summary>
    MapRows = 3,
}

/// <summary>
/// One node the orchestrator has started and not yet settled. <see cref="Cancellation"/> cancels the node's
/// timers and event waits when the node settles or the run stops, so no timer outlives the run.
/// </summary>
internal sealed class InFlightNode(string nodeId, NodeWorkKind kind) : IDisposable
{
    public string NodeId { get; } = nodeId;

    public NodeWorkKind Kind { get; } = kind;

    public CancellationTokenSource Cancellation { get; } = new();

    public Task<NodeOutcome> Outcome { get; set; } = Task.FromResult(NodeOutcome.Stopped(0));

    /// <summary>The sub-run's ID once it is scheduled.</summary>
    public string? ChildRunId { get; set; }

    /// <summary>An orchestration doing the node's work that is not a run (map-rows); told to cancel when the run stops.</summary>
    public string? HelperInstanceId { get; set; }

    /// <summary>The budget share granted to the sub-run while it is outstanding.</summary>
    public RunBudget? Grant { get; set; }

    public void Dispose()
    {
        Cancellation.Cancel();
        Cancellation.Dispose();
    }
}
