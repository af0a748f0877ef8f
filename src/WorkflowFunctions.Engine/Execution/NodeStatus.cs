namespace WorkflowFunctions.Engine.Execution;

/// <summary>The state of one node within a run, as reported by the API.</summary>
public enum NodeStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Skipped = 4,
    Cancelled = 5,
    Waiting = 6,
}
