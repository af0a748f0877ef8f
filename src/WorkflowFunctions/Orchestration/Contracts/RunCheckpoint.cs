using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// Where a long run stood when its orchestration continued as new (see <c>OrchestrationOptions.CheckpointEveryNodes</c>):
/// the next generation of the same instance starts from it instead of replaying every node before it. It is taken only
/// when no node is in flight, between a node's end and the start of the nodes it made ready, so it holds no open task:
/// every node's record and event marks, the scheduler's transitions in the order they were made (replayed to rebuild
/// it; the last one's ready nodes start first), and what the run's budget has left.
/// </summary>
public sealed record RunCheckpoint
{
    /// <summary>How many times the run has continued as new (1 for the first checkpoint).</summary>
    [JsonPropertyName("generation")]
    public int Generation { get; init; }

    /// <summary>When the run started (after its slot wait): the run timer and the result count from it.</summary>
    [JsonPropertyName("started_at")]
    public DateTime StartedAt { get; init; }

    /// <summary>The instant the run's event marks are offsets from (when the orchestration first ran).</summary>
    [JsonPropertyName("marks_from")]
    public DateTime MarksFrom { get; init; }

    /// <summary>The number of the run's latest event so far.</summary>
    [JsonPropertyName("last_seq")]
    public int LastSeq { get; init; }

    /// <summary>The run's claim on a concurrency slot, which its end releases; null for an uncapped run.</summary>
    [JsonPropertyName("slot_claim")]
    public RunSlotClaim? SlotClaim { get; init; }

    /// <summary>Every node that has started or ended, in plan order.</summary>
    [JsonPropertyName("nodes")]
    public IReadOnlyList<CheckpointNode> Nodes { get; init; } = [];

    /// <summary>The scheduler's transitions after its start, in the order the run made them.</summary>
    [JsonPropertyName("transitions")]
    public IReadOnlyList<SchedulerTransition> Transitions { get; init; } = [];

    /// <summary>What the run's budget has left and has used.</summary>
    [JsonPropertyName("budget")]
    public RunBudgetState Budget { get; init; } = new(0, 0, 0, 0);
}

/// <summary>One node's record and event marks in a <see cref="RunCheckpoint"/>.</summary>
public sealed record CheckpointNode(
    [property: JsonPropertyName("node")] NodeRunRecord Node,
    [property: JsonPropertyName("timeline")] NodeTimeline? Timeline,
    [property: JsonPropertyName("result_bytes")] int ResultBytes);

/// <summary>
/// A node the scheduler was told had ended: succeeded (with the branch an if-else took) or failed. Members at their
/// defaults are left out, so most transitions are written as <c>{"node":"id"}</c>.
/// </summary>
public sealed record SchedulerTransition(
    [property: JsonPropertyName("node")] string NodeId,
    [property: JsonPropertyName("failed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Failed = false,
    [property: JsonPropertyName("branch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] Branch Branch = Branch.None,
    [property: JsonPropertyName("continue_on_error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ContinueOnError = false);

/// <summary>A run budget's account: what is left of its grant and what its tree has used.</summary>
public sealed record RunBudgetState(
    [property: JsonPropertyName("sub_runs_left")] int SubRunsLeft,
    [property: JsonPropertyName("nodes_left")] int NodesLeft,
    [property: JsonPropertyName("sub_runs_used")] int SubRunsUsed,
    [property: JsonPropertyName("node_executions_used")] int NodeExecutionsUsed);
