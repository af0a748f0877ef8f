using System.Text.Json.Nodes;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Runs;

/// <summary>
/// One event of a run's feed (<see cref="RunFeed"/>): its sequence number (the same for every reader), what happened
/// and when, and the members that kind of event carries. Dialects render it in their own shapes.
/// </summary>
public sealed record RunEvent(int Seq, RunEventType Type, string RunId, DateTimeOffset At)
{
    public string? NodeId { get; init; }

    public string? NodeType { get; init; }

    /// <summary><see cref="RunEventType.NodeRetrying"/>: the attempt that failed (1 for the first).</summary>
    public int? Attempt { get; init; }

    /// <summary><see cref="RunEventType.NodeRetrying"/>: when the next attempt is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Why a node attempt or a node failed, or why a node was cancelled.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// <see cref="RunEventType.NodeSucceeded"/>: the node's result, when this reader can read it (a result the run's
    /// progress left out is readable once the run ends); otherwise null with <see cref="ResultAvailable"/> false.
    /// </summary>
    public JsonObject? Result { get; init; }

    public bool ResultAvailable { get; init; } = true;

    /// <summary>A node's start time (its end events carry it too, with <see cref="At"/> as its end).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The sub-run of a <c>workflow-node</c> (its end events).</summary>
    public string? ChildRunId { get; init; }

    /// <summary><see cref="RunEventType.RunQueued"/>: the saved workflow and version the run runs (null for an ad-hoc run).</summary>
    public string? WorkflowId { get; init; }

    public int? Version { get; init; }

    /// <summary><see cref="RunEventType.RunQueued"/>: the batch, or the parent run, the run belongs to.</summary>
    public string? BatchId { get; init; }

    public int? BatchIndex { get; init; }

    public string? ParentRunId { get; init; }

    /// <summary><see cref="RunEventType.RunOutput"/>: the primary output and every output node's result.</summary>
    public JsonNode? Output { get; init; }

    public IReadOnlyDictionary<string, JsonObject>? Outputs { get; init; }

    /// <summary>Terminal events: why the run failed or was cancelled.</summary>
    public RunError? RunError { get; init; }

    /// <summary>Terminal events: the run's totals (absent for a run stopped by force, which has none).</summary>
    public RunMetrics? Metrics { get; init; }

    public bool IsTerminal => Type is RunEventType.RunSucceeded or RunEventType.RunFailed or RunEventType.RunCancelled;
}
