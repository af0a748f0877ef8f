using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The workflow orchestrator's output: the run's final state. A run that fails or is cancelled still
/// completes the orchestration normally with this record (<see cref="Status"/> says how it ended), because
/// a failed or terminated orchestration carries no output and clients need every node's state and result.
/// </summary>
public sealed record WorkflowRunResult
{
    /// <summary>The run ID (the orchestration instance ID).</summary>
    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = "";

    [JsonPropertyName("workflow_id")]
    public string WorkflowId { get; init; } = "";

    [JsonPropertyName("version")]
    public int Version { get; init; }

    /// <summary><c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")]
    [JsonConverter(typeof(SnakeCaseEnumConverter<RunStatus>))]
    public RunStatus Status { get; init; }

    [JsonPropertyName("started_at")]
    public DateTime StartedAt { get; init; }

    [JsonPropertyName("completed_at")]
    public DateTime CompletedAt { get; init; }

    /// <summary>Every reachable node's record keyed by node ID, as in reference 003's <c>data.data</c>.</summary>
    [JsonPropertyName("nodes")]
    public IReadOnlyDictionary<string, NodeRunRecord> Nodes { get; init; } = new Dictionary<string, NodeRunRecord>();

    /// <summary>The results of the <c>output-node</c>s that succeeded, keyed by node ID.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, JsonObject> Outputs { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>
    /// The run's primary output: <c>result.content</c> of the first succeeded output node (topological order);
    /// in a graph without output nodes, the content of the last succeeded node without successors.
    /// </summary>
    [JsonPropertyName("output")]
    public JsonNode? Output { get; init; }

    /// <summary>Why the run failed or was cancelled; null when it succeeded.</summary>
    [JsonPropertyName("error")]
    public RunError? Error { get; init; }

    [JsonPropertyName("metrics")]
    public RunMetrics Metrics { get; init; } = new();

    /// <summary>Sub-runs started by <c>workflow-node</c>s: node ID to child run ID (the run tree).</summary>
    [JsonPropertyName("child_runs")]
    public IReadOnlyDictionary<string, string> ChildRuns { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The sequence number of the run's terminal event, the last of its event feed; the event before it is the
    /// run's output when it has one (<see cref="HasOutput"/>).
    /// </summary>
    [JsonPropertyName("seq")]
    public int Seq { get; init; }

    /// <summary>Every node's events with their sequence numbers and times, as the progress carried them.</summary>
    [JsonPropertyName("timeline")]
    public IReadOnlyDictionary<string, NodeTimeline> Timeline { get; init; } = new Dictionary<string, NodeTimeline>();

    /// <summary>Whether the run produced output (an output node succeeded, or a leaf gave the primary output).</summary>
    [JsonIgnore]
    public bool HasOutput => Outputs.Count > 0 || Output is not null;
}
