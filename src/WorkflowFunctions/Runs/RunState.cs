namespace WorkflowFunctions.Runs;

/// <summary>Where a <see cref="RunSnapshot"/> was read from, which decides what it can tell.</summary>
public enum RunState
{
    /// <summary>A batch item whose run has not started: only its index row exists.</summary>
    NotStarted,

    /// <summary>Scheduled; its orchestration has not run yet.</summary>
    Pending,

    /// <summary>In progress: node states and the results that fit the progress budget.</summary>
    Running,

    /// <summary>Finished with its result (succeeded, failed or cancelled), from the orchestration or the recorded end.</summary>
    Completed,

    /// <summary>Stopped by force (a cancel that did not finish in its grace period): no result, the reason and the node states of its last progress.</summary>
    Terminated,

    /// <summary>The orchestration itself failed (not a node): no result, only the failure.</summary>
    Faulted,
}
