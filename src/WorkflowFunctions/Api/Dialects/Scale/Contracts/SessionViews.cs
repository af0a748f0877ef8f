using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.Scale.Contracts;

/// <summary><c>POST /v1/workflow/run</c> accepted: the session (run) it started.</summary>
public sealed record SessionStartedView(string SessionId);

/// <summary><c>GET /v1/sessions/{id}</c>: the session's state.</summary>
public sealed record SessionView(SessionStateView SessionState);

/// <summary>A session's status word and its cards (the run's nodes but its trigger) in the graph's order.</summary>
public sealed record SessionStateView(string Status, IReadOnlyList<CardView> Cards);

/// <summary>
/// One card: <c>card-&lt;n&gt;</c> by position, its kind, its status word, what it produced (a table without its rows;
/// <c>{}</c> until it completes) and, when it errored, why.
/// </summary>
public sealed record CardView(string Id, CardContextView Context, string Status, JsonObject Output)
{
    public string? ErrorMessage { get; init; }
}

/// <summary>The card's type in the document's style (<c>import_csv</c>) and, beyond the document, the node it is.</summary>
public sealed record CardContextView(string CardType, string NodeId);

/// <summary>
/// <c>GET /v1/sessions/{id}/result</c>: the run's table (<c>data</c> rows <c>start</c> to <c>end</c>, <c>schema</c>
/// its columns) and a summary; beyond the document, the session state and whether the wait ran out first.
/// </summary>
public sealed record SessionResultView(
    IReadOnlyList<JsonObject> Data,
    IReadOnlyList<SchemaColumnView> Schema,
    int Start,
    int End,
    SessionResultDetail Result,
    SessionStateView SessionState,
    bool TimedOut);

public sealed record SchemaColumnView(string Id, string Header, string Type);

public sealed record SessionResultDetail(SessionSummaryView Summary);

/// <summary>Every row of the table (<c>data</c> may hold fewer) and how long the run took, or has run so far.</summary>
public sealed record SessionSummaryView(int TotalNumberOfRows, long ExecutionDurationMillis);
