using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The orchestration's custom status while a run is in progress. The Functions host fails an orchestration whose
/// custom status is over 16 KB of UTF-16, so the whole status stays within a budget
/// (<see cref="OrchestrationOptions.CustomStatusBudgetBytes"/>): node states first, then timelines, then finished
/// nodes' results; results that do not fit are listed in <see cref="OmittedResults"/> and are in the final output
/// (<see cref="WorkflowRunResult.Nodes"/>).
/// </summary>
public sealed record WorkflowRunProgress
{
    /// <summary>
    /// <c>running</c>; <c>waiting</c> when the only unfinished work is approval nodes waiting for a decision; <c>queued</c>
    /// while the run waits for a concurrency slot of its workflow (no node has started).
    /// </summary>
    [JsonPropertyName("status")]
    [JsonConverter(typeof(SnakeCaseEnumConverter<RunStatus>))]
    public RunStatus Status { get; init; }

    /// <summary>When the run started its nodes; null while it is queued.</summary>
    [JsonPropertyName("started_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? StartedAt { get; init; }

    /// <summary>While queued: the run's place in its workflow's line when it last looked (1 is next); null when not known yet.</summary>
    [JsonPropertyName("queue_position")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? QueuePosition { get; init; }

    /// <summary>While queued: its place in line as a time (see <c>RunSlotClaim.QueuedAt</c>), for readers that look the position up live.</summary>
    [JsonPropertyName("queued_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>
    /// Every node's state (queued, running, waiting, succeeded, failed, skipped, cancelled), in plan order; when they do
    /// not all fit the budget, the nodes in flight and then the others in plan order while they fit.
    /// </summary>
    [JsonPropertyName("nodes")]
    [JsonConverter(typeof(SnakeCaseEnumMapConverter<NodeStatus>))]
    public IReadOnlyDictionary<string, NodeStatus> Nodes { get; init; } = new Dictionary<string, NodeStatus>();

    /// <summary>Finished nodes' results that fit the budget, the latest first chosen, in completion order.</summary>
    [JsonPropertyName("results")]
    public IReadOnlyDictionary<string, JsonObject> Results { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>Succeeded nodes whose results did not fit the budget, as far as their names fit it.</summary>
    [JsonPropertyName("omitted_results")]
    public IReadOnlyList<string> OmittedResults { get; init; } = [];

    /// <summary>Sub-runs started so far: node ID to child run ID.</summary>
    [JsonPropertyName("child_runs")]
    public IReadOnlyDictionary<string, string> ChildRuns { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Why each failed or cancelled node ended (cut to <see cref="RetryMark.MaxErrorLength"/> characters, as its event
    /// shows it); sent with the timelines.
    /// </summary>
    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The sequence number of the run's latest event so far (its event feed's length).</summary>
    [JsonPropertyName("seq")]
    public int Seq { get; init; }

    /// <summary>
    /// Each node's events so far, with their times (so started and finished nodes have timings while the run is in
    /// progress); nodes that have had none are left out. Left out altogether, with <see cref="Seq"/> kept, when
    /// node states and timelines together would not fit the budget: the feed then shows node events at the end.
    /// </summary>
    [JsonPropertyName("timeline")]
    public IReadOnlyDictionary<string, NodeTimeline> Timeline { get; init; } = new Dictionary<string, NodeTimeline>();
}
