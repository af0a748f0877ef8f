namespace WorkflowFunctions.Storage.Runs;

/// <summary>The run status words of the index and the API.</summary>
public static class RunStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Waiting, Succeeded, Failed, Cancelled];

    public static bool IsFinal(string? status) => status is Succeeded or Failed or Cancelled;
}
