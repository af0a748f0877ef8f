namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>The scheduler's view of a node.</summary>
public enum SchedulerNodeState
{
    /// <summary>Waiting for predecessors.</summary>
    Pending = 0,

    /// <summary>Handed to the caller to execute; not yet completed or failed.</summary>
    Ready = 1,
    Succeeded = 2,
    Failed = 3,
    Skipped = 4,

    /// <summary>Not reachable from the start node; never runs.</summary>
    Unreachable = 5,
}
