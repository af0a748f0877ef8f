namespace WorkflowFunctions.Orchestration;

/// <summary>What a <see cref="RunControl"/> call did, so the HTTP layer can pick its status code.</summary>
public enum RunControlOutcome
{
    /// <summary>No run with that ID.</summary>
    NotFound = 0,

    /// <summary>The run had already finished; nothing was sent.</summary>
    AlreadyFinished = 1,

    /// <summary>The approval node is not waiting for a decision; nothing was sent.</summary>
    NotWaiting = 2,

    /// <summary>The event was raised; the run acts on it asynchronously.</summary>
    Sent = 3,

    /// <summary>The run handled the cancel event and finished as cancelled within the grace period.</summary>
    Cancelled = 4,

    /// <summary>The run did not finish within the grace period and was terminated.</summary>
    Terminated = 5,
}
