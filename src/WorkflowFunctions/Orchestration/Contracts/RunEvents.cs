namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The external events a running workflow orchestration listens for; see <see cref="RunControl"/>.</summary>
public static class RunEvents
{
    /// <summary>Cancels the run; payload <see cref="RunCancellation"/>.</summary>
    public const string Cancel = "cancel";

    /// <summary>Tells a run waiting for a concurrency slot that one was handed to it; payload <see cref="RunSlotGrant"/>.</summary>
    public const string Slot = "slot";

    /// <summary>The prefix of an approval node's decision event; payload <see cref="ApprovalDecision"/>.</summary>
    public const string ApprovalPrefix = "approval:";

    /// <summary>The decision event of one approval node: <c>approval:&lt;nodeId&gt;</c>.</summary>
    public static string Approval(string nodeId) => ApprovalPrefix + nodeId;
}
