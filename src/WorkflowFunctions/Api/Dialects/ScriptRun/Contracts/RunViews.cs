using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;

/// <summary>
/// The envelope of <c>/run/</c> and <c>workflow_result/</c>: the execution service's answer in <c>data</c> and its
/// status code in <c>status</c>, which clients check instead of the HTTP status.
/// </summary>
public sealed record EnvelopeView<T>(T Data, int Status)
{
    /// <summary>Why the run was not found (only then).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}

/// <summary><c>/run/</c> accepted: the run's UUID and <c>created</c>.</summary>
public sealed record RunCreatedView(string Id, string Status);

/// <summary><c>/run/</c> refused: why, as readable strings (the draft's or graph's errors, or the input's problems).</summary>
public sealed record RunRefusedView(IReadOnlyList<string> Errors);

/// <summary>
/// A run as <c>workflow_result/</c> shows it: its status word, the nodes that ran or are running keyed by node id, and
/// once it has ended its total cost (and, when it failed, why).
/// </summary>
public sealed record RunResultView(string Id, string Status, IReadOnlyDictionary<string, NodeResultView> Data)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunMetricsView? Metrics { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

/// <summary>One node of a run: its status word, its result once it succeeded (<c>content</c> always a string), its error once it failed.</summary>
public sealed record NodeResultView(string Id, string Status)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Result { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

/// <summary>The run's total cost in USD.</summary>
public sealed record RunMetricsView(decimal TotalCost);

/// <summary>
/// One run of a workflow's history: its UUID, workflow, status word, when it was created, started and finished, how
/// long it ran (seconds) and what it cost (USD); the last four are null until known.
/// </summary>
public sealed record HistoryItemView(
    string Id,
    int Workflow,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? Duration,
    decimal? Cost,
    string? Error);

/// <summary>The execution-update callback acknowledged.</summary>
public sealed record ExecutionUpdateView(string Status, ExecutionUpdateDetail Detail);

public sealed record ExecutionUpdateDetail(string Msg);
