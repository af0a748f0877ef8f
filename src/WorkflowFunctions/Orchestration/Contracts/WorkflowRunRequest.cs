using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The workflow orchestrator's input. Everything the run needs is in here (the pinned definition included),
/// so the orchestrator does no I/O of its own and replays deterministically.
/// </summary>
public sealed record WorkflowRunRequest
{
    /// <summary>The saved workflow's ID (empty for an ad-hoc definition).</summary>
    public string WorkflowId { get; init; } = "";

    /// <summary>The pinned version of the workflow the run started with.</summary>
    public int Version { get; init; }

    /// <summary>The account that owns the run; executors and sub-workflows act on its behalf.</summary>
    public string AccountId { get; init; } = "";

    /// <summary>The workflow definition (reference 003 <c>data</c>: <c>nodes</c>, <c>edges</c>, <c>start_node</c>).</summary>
    public required JsonElement Definition { get; init; }

    /// <summary>The validated run input (defaults applied); an object, array, or <c>{"__raw_input__": ...}</c>.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Per-run options.</summary>
    public RunOptions Options { get; init; } = new();

    /// <summary>The parent run when this run is a <c>workflow-node</c>'s sub-run.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>How deeply this run is nested in <c>workflow-node</c> sub-runs (0 for a top-level run); bounds recursion.</summary>
    public int Depth { get; init; }

    /// <summary>What this run and its sub-runs may use: the share its parent granted; null for a top-level run (the service limits).</summary>
    public RunBudget? Budget { get; init; }

    /// <summary>The run's place in the run index; null for runs that are not indexed (sub-runs, tests, benchmarks).</summary>
    public RunIndexEntry? Index { get; init; }

    /// <summary>
    /// The workflow's concurrency cap when it has one: the run waits for a slot before its first node. Null (uncapped
    /// workflows, ad-hoc definitions, sub-runs, which run inside their parent's slot) costs nothing.
    /// </summary>
    public RunSlot? Slot { get; init; }

    /// <summary>
    /// Where the run stood when its orchestration last continued as new (a <see cref="RunCheckpoint"/>); null for its first
    /// generation. Everything else in the request is the run's original request, so every reader of the instance's input
    /// reads the same run. Kept as JSON: every episode of the generation deserializes the request, and the orchestrator
    /// restores the checkpoint from a cache by its content (<c>RestoredCheckpoint</c>), not from objects built each time.
    /// </summary>
    public JsonElement? Checkpoint { get; init; }

    /// <summary>
    /// A run started through an API: indexed, so it records its end in the run history, with the free
    /// <paramref name="tags"/> it started with (an API's session id, say).
    /// </summary>
    public static WorkflowRunRequest TopLevel(
        string accountId,
        string? workflowId,
        int? version,
        JsonElement definition,
        JsonNode input,
        int? timeoutSeconds,
        DateTimeOffset createdAt,
        int? maxConcurrentRuns = null,
        IReadOnlyDictionary<string, string>? tags = null) => new()
    {
        AccountId = accountId,
        WorkflowId = workflowId ?? string.Empty,
        Version = version ?? 0,
        Definition = definition,
        Input = JsonSerializer.SerializeToElement(input),
        Options = new RunOptions { TimeoutSeconds = timeoutSeconds },
        Index = new RunIndexEntry { CreatedAt = createdAt, Tags = tags is { Count: > 0 } ? tags : null },
        Slot = workflowId is null ? null : RunSlot.Of(maxConcurrentRuns, createdAt),
    };

    /// <summary>One item of a batch: indexed under the batch, with the batch's pinned definition and run timeout.</summary>
    public static WorkflowRunRequest BatchItem(BatchRunRequest batch, JsonElement definition, int index, JsonElement? input)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new()
        {
            AccountId = batch.AccountId,
            WorkflowId = batch.WorkflowId,
            Version = batch.Version,
            Definition = definition,
            Input = input,
            Options = new RunOptions { TimeoutSeconds = batch.TimeoutSeconds },
            Index = new RunIndexEntry { CreatedAt = batch.CreatedAt, BatchId = batch.BatchId, BatchIndex = index },
            Slot = RunSlot.Of(batch.MaxConcurrentRuns, batch.CreatedAt),
        };
    }

    /// <summary>
    /// A <c>workflow-node</c>'s sub-run: the parent's account, one level deeper, indexed as the parent's child
    /// (created when the parent started it) so the run history knows the tree.
    /// </summary>
    public static WorkflowRunRequest SubRun(
        WorkflowRunRequest parent, string parentRunId, StoredWorkflowDefinition child, JsonNode input, int? timeoutSeconds, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        return new()
        {
            WorkflowId = child.WorkflowId,
            Version = child.Version,
            AccountId = parent.AccountId,
            Definition = child.Definition,
            Input = JsonSerializer.SerializeToElement(input),
            Options = new RunOptions { TimeoutSeconds = timeoutSeconds },
            ParentRunId = parentRunId,
            Depth = parent.Depth + 1,
            Index = parent.Index is null ? null : new RunIndexEntry { CreatedAt = createdAt },
        };
    }
}
