namespace WorkflowFunctions.Storage.Batches;

/// <summary>The status words of a batch.</summary>
public static class BatchStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}
