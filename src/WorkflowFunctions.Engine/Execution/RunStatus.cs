namespace WorkflowFunctions.Engine.Execution;

/// <summary>The state of a whole run, as reported by the API.</summary>
public enum RunStatus
{
    Queued = 0,
    Running = 1,
    Waiting = 2,
    Succeeded = 3,
    Failed = 4,
    Cancelled = 5,
}
