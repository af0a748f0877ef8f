using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Tables;
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

    /// <summary>The node whose result is the primary output (<see cref="Output"/>); null when the run produced none.</summary>
    [JsonPropertyName("primary_node_id")]
    public string? PrimaryNodeId { get; init; }

    /// <summary>
    /// The primary output as a table (see <see cref="RunTable"/>): a table output is that table, an array of objects
    /// becomes rows, anything else one row with an <c>output</c> column. At most <c>Tables__ResultMaxRows</c> rows;
    /// the rest are in <c>nodes[table.node_id].result</c>. Null when the run produced no output. Derived when the run is
    /// read (<see cref="WithTable"/>), not stored in the orchestration's output, which would hold the rows twice.
    /// </summary>
    [JsonPropertyName("table")]
    public RunTable? Table { get; init; }

    /// <summary>This result with <see cref="Table"/> derived from its primary output, at most <paramref name="maxRows"/> rows.</summary>
    public WorkflowRunResult WithTable(int maxRows = int.MaxValue) =>
        PrimaryNodeId is { } id && Nodes.TryGetValue(id, out var node) && node.Result is { } primary
            ? this with { Table = RunTable.From(id, primary, 0, maxRows) }
            : this;

    /// <summary>Why the run failed or was cancelled; null when it succeeded.</summary>
    [JsonPropertyName("error")]
    public RunError? Error { get; init; }

    [JsonPropertyName("metrics")]
    public RunMetrics Metrics { get; init; } = new();

    /// <summary>
    /// Where the whole result is when it was too large to keep as the orchestration's output
    /// (<c>Orchestration__MaxInlineResultBytes</c>): this record then holds every node's state but no results, and
    /// readers load the whole result from the result store.
    /// </summary>
    [JsonPropertyName("stored")]
    public StoredRunResult? Stored { get; init; }

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

    /// <summary>This result as a run's output keeps it once the whole of it is in the result store: node states, no results.</summary>
    public WorkflowRunResult KeptIn(StoredRunResult stored) => WithoutResults() with { Stored = stored };

    /// <summary>
    /// This result with every node's state but no node results, outputs or output: what a top-level run keeps when its
    /// result is too large for one message and the result store could not be written.
    /// </summary>
    public WorkflowRunResult WithoutResults() => this with
    {
        Nodes = Nodes.ToDictionary(n => n.Key, n => n.Value with { Result = null }, StringComparer.Ordinal),
        Outputs = new Dictionary<string, JsonObject>(),
        Output = null,
    };
}
