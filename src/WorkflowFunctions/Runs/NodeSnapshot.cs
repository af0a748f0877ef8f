using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Runs;

/// <summary>
/// One node of a run as it stands: its state, type, timings, and once known its result, error, attempts and sub-run,
/// with its events' places in the run's feed (<see cref="Timeline"/>). While a run is in progress a result may be
/// left out of the progress budget (and attempts are counted only at the end); the finished run has them all.
/// </summary>
public sealed record NodeSnapshot(string Id, NodeStatus Status)
{
    public string? Type { get; init; }

    public JsonObject? Result { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public int Attempts { get; init; }

    public string? ChildRunId { get; init; }

    /// <summary>The node's events with their sequence numbers; null when it has had none (or the progress left them out).</summary>
    public NodeTimeline? Timeline { get; init; }
}
