using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Runs;

/// <summary>
/// One node of a run as it stands: its state, and once known its type, timings, result, error, attempts and
/// sub-run. While a run is in progress the type and timings may be unknown and a result may be left out of the
/// progress budget; the finished run has them all.
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
}
