namespace WorkflowFunctions.Runs;

/// <summary>What a <see cref="RunEvent"/> says happened; each API names these its own way (the native API: <c>node.succeeded</c>).</summary>
public enum RunEventType
{
    RunQueued,
    RunStarted,
    NodeStarted,

    /// <summary>An approval node started waiting for its decision.</summary>
    NodeWaiting,

    /// <summary>An attempt of a node failed and another is scheduled.</summary>
    NodeRetrying,
    NodeSucceeded,
    NodeFailed,

    /// <summary>A node on a branch that was not taken.</summary>
    NodeSkipped,

    /// <summary>A node that had started when the run stopped.</summary>
    NodeCancelled,

    /// <summary>The run's output, just before its terminal event, when it has one.</summary>
    RunOutput,
    RunSucceeded,
    RunFailed,
    RunCancelled,
}
