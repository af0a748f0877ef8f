using System.Text.Json.Nodes;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>
/// The <c>data:</c> of one native run event (docs/api.md, "Run events"): its number, type, run and time, and the
/// members that type carries; members an event does not carry are left out.
/// </summary>
public sealed record RunEventView(int Seq, string Type, string RunId, DateTimeOffset At)
{
    public string? WorkflowId { get; init; }

    public int? Version { get; init; }

    public string? BatchId { get; init; }

    public int? BatchIndex { get; init; }

    public string? ParentRunId { get; init; }

    public string? NodeId { get; init; }

    public string? NodeType { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public long? DurationMs { get; init; }

    public int? Attempt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    public string? ErrorNodeId { get; init; }

    public JsonObject? Result { get; init; }

    public string? ResultUrl { get; init; }

    public JsonNode? Cost { get; init; }

    public JsonNode? Usage { get; init; }

    public string? ChildRunId { get; init; }

    public JsonNode? Output { get; init; }

    public IReadOnlyDictionary<string, JsonObject>? Outputs { get; init; }

    public RunMetrics? Metrics { get; init; }
}

/// <summary>The last message of a stream that reached its time limit: reconnect with <c>after</c> (or <c>Last-Event-ID</c>).</summary>
public sealed record ReconnectView(string Type, int After, string Url, string Reason);

/// <summary><c>GET /runs/{id}/nodes/{node_id}/result</c>: the node's result once it can be read.</summary>
public sealed record NodeResultView(string RunId, string NodeId, string Status, bool Available, JsonObject? Result);
