using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Storage.Runs;

/// <summary>
/// The run status words of the index and the native API: one word for each <see cref="RunStatus"/>, converted here and
/// nowhere else.
/// </summary>
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

    /// <summary>The word of a status.</summary>
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => Queued,
        RunStatus.Running => Running,
        RunStatus.Waiting => Waiting,
        RunStatus.Succeeded => Succeeded,
        RunStatus.Failed => Failed,
        RunStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    /// <summary>The status a word names; an unknown word reads as <see cref="RunStatus.Queued"/> (a row not ended).</summary>
    public static RunStatus Parse(string? word) => word switch
    {
        Running => RunStatus.Running,
        Waiting => RunStatus.Waiting,
        Succeeded => RunStatus.Succeeded,
        Failed => RunStatus.Failed,
        Cancelled => RunStatus.Cancelled,
        _ => RunStatus.Queued,
    };
}
