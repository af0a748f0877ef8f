using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>The orchestrator's mutable record of one node during a run; becomes a <see cref="NodeRunRecord"/>.</summary>
internal sealed class NodeEntry(string id, string type)
{
    public string Id { get; } = id;

    public string Type { get; } = type;

    public NodeStatus Status { get; set; } = NodeStatus.Queued;

    public JsonObject? Result { get; set; }

    /// <summary>UTF-8 size of the serialized result, measured once for the custom-status budget.</summary>
    public int ResultBytes { get; set; }

    public string? Error { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int Attempts { get; set; }

    public string? ChildRunId { get; set; }

    public EventMark? StartMark { get; set; }

    public EventMark? WaitMark { get; set; }

    public List<RetryMark>? Retries { get; set; }

    public EventMark? EndMark { get; set; }

    private NodeTimeline? _timeline;

    /// <summary>The node's events so far; null when it has had none. Built once per change (progress reads it every step).</summary>
    public NodeTimeline? Timeline() =>
        StartMark is null && EndMark is null ? null
        : _timeline ??= new NodeTimeline { Start = StartMark, Wait = WaitMark, Retries = Retries?.ToArray(), End = EndMark };

    /// <summary>Called after a mark changed.</summary>
    public void TimelineChanged() => _timeline = null;

    public bool IsFinished => Status is NodeStatus.Succeeded or NodeStatus.Failed or NodeStatus.Skipped or NodeStatus.Cancelled;

    public NodeRunRecord ToRecord() => new()
    {
        Id = Id,
        Type = Type,
        Status = Status,
        Result = Result,
        Error = Error,
        StartedAt = StartedAt,
        CompletedAt = CompletedAt,
        Attempts = Attempts,
        ChildRunId = ChildRunId,
    };
}
