namespace WorkflowFunctions.Batches;

/// <summary>What a <see cref="BatchEvent"/> says happened.</summary>
public enum BatchEventType
{
    BatchStarted,

    /// <summary>One item's run ended (succeeded, failed, or cancelled, including items a cancel stopped before they started).</summary>
    ItemFinished,
    BatchCompleted,
    BatchCancelled,
}
