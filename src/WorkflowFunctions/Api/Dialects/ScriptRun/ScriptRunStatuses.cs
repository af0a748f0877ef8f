using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// Reference 003's status words: one set for runs and nodes ("Node-level status. Same values as run-level status").
/// Waiting for an approval is still in progress; a cancelled run or node has failed; a skipped node is not shown.
/// </summary>
public static class ScriptRunStatuses
{
    public const string InQueue = "in queue";
    public const string InProgress = "in progress";
    public const string Succeed = "succeed";
    public const string Failed = "failed";
    public const string NotFound = "not found";

    /// <summary>What <c>/run/</c> says of a run it has just started.</summary>
    public const string Created = "created";

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => InQueue,
        RunStatus.Running or RunStatus.Waiting => InProgress,
        RunStatus.Succeeded => Succeed,
        RunStatus.Failed or RunStatus.Cancelled => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    /// <summary>A node's word, or null for a skipped node (a branch not taken), which the API leaves out.</summary>
    public static string? Of(NodeStatus status) => status switch
    {
        NodeStatus.Queued => InQueue,
        NodeStatus.Running or NodeStatus.Waiting => InProgress,
        NodeStatus.Succeeded => Succeed,
        NodeStatus.Failed or NodeStatus.Cancelled => Failed,
        NodeStatus.Skipped => null,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown node status."),
    };

    /// <summary>Whether a client of the document stops polling at this word.</summary>
    public static bool IsTerminal(string word) => word is Succeed or Failed;
}
