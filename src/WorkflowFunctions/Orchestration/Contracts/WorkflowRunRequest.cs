using System.Text.Json;

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

    /// <summary>The run's place in the run index; null for runs that are not indexed (sub-runs, tests, benchmarks).</summary>
    public RunIndexEntry? Index { get; init; }
}
