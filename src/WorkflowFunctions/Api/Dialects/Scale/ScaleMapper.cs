using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scale.Contracts;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>
/// Reference 000's shapes from run snapshots, with no I/O: a started session, a session's state (its status and its
/// cards in the graph's order with the document's words) and its result (the run's table as <c>data</c> and
/// <c>schema</c>). A session is a run; a card is one of its nodes, the trigger excepted (it only receives the
/// variables).
/// </summary>
public static class ScaleMapper
{
    public static ApiResponse Started(StartedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ApiResponse.Ok(new SessionStartedView(ScaleSessionIds.Of(run.RunId)));
    }

    public static SessionStateView SessionState(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var cards = Cards(run);
        return new SessionStateView(SessionStatus(run, cards), [.. cards.Select(c => c.View)]);
    }

    /// <summary>
    /// The result of a session: once it has ended, the run's table (at most <c>Tables__ResultMaxRows</c> rows, all
    /// counted in <c>totalNumberOfRows</c>); before, the same shape with no rows, <c>timedOut</c> and the state.
    /// <paramref name="now"/> measures how long an unfinished run has run.
    /// </summary>
    public static SessionResultView Result(RunSnapshot run, DateTimeOffset now)
    {
        var state = SessionState(run);
        var ended = ScaleStatuses.Session.HasEnded(state.Status);
        var table = ended ? run.Result?.Table : null;
        var duration = run.Result is not null ? run.Metrics.DurationMs : Elapsed(run.StartedAt, run.CompletedAt ?? now);
        return new SessionResultView(
            table?.Rows ?? [],
            table is null ? [] : [.. table.Columns.Select(c => new SchemaColumnView(c.Id, c.Header, c.Type))],
            table?.Start ?? 0,
            table?.End ?? 0,
            new SessionResultDetail(new SessionSummaryView(table?.TotalRows ?? 0, duration)),
            state,
            TimedOut: !ended);
    }

    /// <summary>A node type in the document's style: <c>import-csv-node</c> is <c>import_csv</c>, <c>basic-node</c> <c>basic</c>.</summary>
    public static string CardType(string? nodeType)
    {
        if (string.IsNullOrEmpty(nodeType))
        {
            return "unknown";
        }

        var name = nodeType.EndsWith("-node", StringComparison.Ordinal) ? nodeType[..^"-node".Length] : nodeType;
        return name.Replace('-', '_');
    }

    private sealed record Card(string NodeId, CardView View);

    // The run's nodes in plan order (the pinned definition's, known before they run; else as the run reports them),
    // the trigger left out.
    private static List<Card> Cards(RunSnapshot run)
    {
        var states = new Dictionary<string, NodeSnapshot>(StringComparer.Ordinal);
        foreach (var node in run.Nodes)
        {
            states[node.Id] = node;
        }

        var nodes = run.Plan is { Count: > 0 } plan
            ? plan.Select(p => (p.Id, Type: (string?)p.Type, Predecessors: (IReadOnlyList<string>?)p.Predecessors))
            : run.Nodes.Select(n => (n.Id, n.Type, Predecessors: (IReadOnlyList<string>?)null));
        var cards = new List<Card>();
        foreach (var (id, type, predecessors) in nodes)
        {
            if (type == NodeTypes.Trigger)
            {
                continue;
            }

            var node = states.GetValueOrDefault(id);
            var (status, error) = CardStatus(run, node, predecessors, states);
            var context = new CardContextView(CardType(type ?? node?.Type), id);
            cards.Add(new Card(id, new CardView($"card-{cards.Count}", context, status, Output(node)) { ErrorMessage = error }));
        }

        return cards;
    }

    private static (string Status, string? Error) CardStatus(
        RunSnapshot run, NodeSnapshot? node, IReadOnlyList<string>? predecessors, Dictionary<string, NodeSnapshot> states) => node?.Status switch
    {
        NodeStatus.Queued when !run.IsFinal && predecessors is not null && predecessors.All(p => IsFinished(states.GetValueOrDefault(p))) =>
            (ScaleStatuses.Card.Pending, null),
        NodeStatus.Running or NodeStatus.Waiting => (ScaleStatuses.Card.Processing, null),
        NodeStatus.Succeeded => (ScaleStatuses.Card.Completed, null),
        NodeStatus.Failed => (ScaleStatuses.Card.Errored, node.Error ?? run.Error?.Message ?? "The card failed."),

        // Stopped while it ran (the run was cancelled, timed out or another card failed); never started is idle.
        NodeStatus.Cancelled when node.StartedAt is not null => (ScaleStatuses.Card.Errored, node.Error ?? run.Error?.Message ?? "The card was stopped."),
        _ => (ScaleStatuses.Card.Idle, null),
    };

    private static string SessionStatus(RunSnapshot run, List<Card> cards)
    {
        switch (run.Status)
        {
            case RunStatus.Succeeded:
                return ScaleStatuses.Session.Idle;
            case RunStatus.Cancelled:
                return ScaleStatuses.Session.Inactive;
            case RunStatus.Failed:
                // A card's failure ends the session like a success, the card errored (the document's client checks the
                // cards of an idle session); a failure of the run itself is the session's.
                return run.Error?.NodeId is { } failed && cards.Any(c => c.NodeId == failed && c.View.Status == ScaleStatuses.Card.Errored)
                    ? ScaleStatuses.Session.Idle
                    : ScaleStatuses.Session.Errored;
        }

        if (run.State is RunState.NotStarted or RunState.Pending || run.Nodes.Count == 0)
        {
            return ScaleStatuses.Session.Starting;
        }

        if (cards.Any(c => c.View.Status == ScaleStatuses.Card.Processing))
        {
            return ScaleStatuses.Session.Processing;
        }

        return cards.Any(c => c.View.Status == ScaleStatuses.Card.Pending) ? ScaleStatuses.Session.PendingWork : ScaleStatuses.Session.Processing;
    }

    // What a completed card produced: its result, a table without its rows and CSV text (polling is not for the table).
    private static JsonObject Output(NodeSnapshot? node)
    {
        if (node is not { Status: NodeStatus.Succeeded, Result: { } result })
        {
            return [];
        }

        var output = (JsonObject)result.DeepClone();
        if (TableValue.IsTable(result))
        {
            output.Remove("rows");
            output.Remove("content");
        }

        return output;
    }

    private static bool IsFinished(NodeSnapshot? node) =>
        node?.Status is NodeStatus.Succeeded or NodeStatus.Failed or NodeStatus.Skipped or NodeStatus.Cancelled;

    private static long Elapsed(DateTimeOffset? from, DateTimeOffset to) => from is { } start && to > start ? (long)(to - start).TotalMilliseconds : 0;
}
