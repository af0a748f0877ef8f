using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// Reference 002's event names (an event's <c>name</c>, and its <c>event:</c> line when streamed) and which of the run
/// feed's events each one is. Scout has no words for a queued run, a waiting approval, a retry, a skipped branch or
/// the output on its own: those feed events are not sent (the final event's <c>state</c> has every output).
/// </summary>
public static class ScoutEvents
{
    public const string WorkflowRunStarted = "workflow_run_started";
    public const string WorkflowRunCompleted = "workflow_run_completed";
    public const string WorkflowRunFailed = "workflow_run_failed";
    public const string BlockRunStarted = "block_run_started";
    public const string BlockRunCompleted = "block_run_completed";
    public const string BlockRunFailed = "block_run_failed";

    /// <summary>Every event's <c>event_type</c>.</summary>
    public const string EventType = "workflow_event";

    /// <summary>Every event's <c>version</c>.</summary>
    public const string Version = "1.0";

    /// <summary>
    /// The name of a feed event, or null when Scout has none for it. The run's acceptance is its start (so every
    /// stream begins with <see cref="WorkflowRunStarted"/>, even for a run that never started); a node that was
    /// stopped while it ran failed.
    /// </summary>
    public static string? NameOf(RunEventType type) => type switch
    {
        RunEventType.RunQueued => WorkflowRunStarted,
        RunEventType.NodeStarted => BlockRunStarted,
        RunEventType.NodeSucceeded => BlockRunCompleted,
        RunEventType.NodeFailed or RunEventType.NodeCancelled => BlockRunFailed,
        RunEventType.RunSucceeded => WorkflowRunCompleted,
        RunEventType.RunFailed or RunEventType.RunCancelled => WorkflowRunFailed,
        _ => null,
    };

    /// <summary>The final event of a run that has ended: completed when it succeeded, failed when it failed or was cancelled.</summary>
    public static string Final(RunStatus status) => status == RunStatus.Succeeded ? WorkflowRunCompleted : WorkflowRunFailed;
}
