namespace WorkflowFunctions.Nodes;

/// <summary>
/// Told when a node attempt ends on this instance, however it ended: the run shows it in its next step. The event
/// streams' readers implement it (<c>RunChangeSignals</c>) to read that step soon; nodes know nothing of runs' readers.
/// </summary>
public interface INodeAttemptObserver
{
    void AttemptEnded(string runId);
}
