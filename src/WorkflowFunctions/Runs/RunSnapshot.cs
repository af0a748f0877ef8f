using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Runs;

/// <summary>
/// A run as the service knows it at one moment, built by <see cref="RunReader"/> alone from the orchestration, the
/// recorded end or the index row. Every API presents runs from this one record, each in its own words;
/// <see cref="Result"/> and <see cref="Progress"/> are the orchestration's own records, for APIs that show them whole.
/// </summary>
public sealed record RunSnapshot
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The saved workflow, or null for an ad-hoc definition.</summary>
    public string? WorkflowId { get; init; }

    public int? Version { get; init; }

    public required RunStatus Status { get; init; }

    public required RunState State { get; init; }

    /// <summary>While <see cref="RunStatus.Queued"/> for a concurrency slot: the run's place in its workflow's line (1 is next), when known.</summary>
    public int? QueuePosition { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>
    /// When the run counted as finished for its waiters: its end recorded in the run index, or its orchestration's
    /// final commit; null while it runs.
    /// </summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Every reachable node in graph order (empty until the run has started).</summary>
    public IReadOnlyList<NodeSnapshot> Nodes { get; init; } = [];

    /// <summary>
    /// The pinned definition's reachable nodes in plan order, with their types and predecessors, even before they run;
    /// read only when asked for (<see cref="RunReader.FindWithPlanAsync"/>), else null, as for a batch item that has not
    /// started.
    /// </summary>
    public IReadOnlyList<PlannedNode>? Plan { get; init; }

    /// <summary>The primary output (see <see cref="WorkflowRunResult.Output"/>); null until the run has finished.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>Why the run failed or was cancelled.</summary>
    public RunError? Error { get; init; }

    public RunMetrics Metrics { get; init; } = new();

    public string? BatchId { get; init; }

    public int? BatchIndex { get; init; }

    /// <summary>The run whose <c>workflow-node</c> started this one.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>The free labels the run started with (an API's session id, say); empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Sub-runs started by this run's <c>workflow-node</c>s: node id to run id.</summary>
    public IReadOnlyDictionary<string, string> ChildRuns { get; init; } = new Dictionary<string, string>();

    /// <summary>The finished run's result as the orchestration returned it.</summary>
    public WorkflowRunResult? Result { get; init; }

    /// <summary>The progress the orchestration published while in progress.</summary>
    public WorkflowRunProgress? Progress { get; init; }

    /// <summary>
    /// The sequence number of the run's latest event that this snapshot knows of (see <see cref="RunFeed"/>): 1 for a
    /// run not started yet, the orchestrator's count while it runs, the terminal event's once it has finished.
    /// </summary>
    public int Seq { get; init; } = Orchestration.Contracts.RunEventNumbers.Queued;

    /// <summary>Where the run sits in the run index (null for runs that are not indexed: tests, benchmarks).</summary>
    internal RunIndexEntry? IndexEntry { get; init; }

    /// <summary>The concurrency cap the run started under (null: uncapped), so a terminate can free its slot.</summary>
    internal RunSlot? Slot { get; init; }

    public bool IsFinal => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}
