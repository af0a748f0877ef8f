using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scout.Contracts;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// Reference 002's shapes, with no I/O: a run's events in the document's envelope (from the run feed's events, or
/// from a snapshot of the finished run) and saved workflows and revisions. Event ids are the feed's sequence numbers
/// (<c>evt_&lt;run&gt;_&lt;seq&gt;</c>), so the one event a non-streaming execute answers has the id the same event has
/// in a stream.
/// </summary>
public static class ScoutMapper
{
    /// <summary>The event of the run's acceptance (the feed's first): what an execute answers when the run has not ended in time.</summary>
    public static EventView Started(ScoutExecution execution, string runId, DateTimeOffset at) =>
        Envelope(execution, runId, 1, ScoutEvents.WorkflowRunStarted, at, [], 0m);

    /// <summary>The final event of a finished run: every block's output in <c>state</c>, its price, and why it failed.</summary>
    public static EventView Final(ScoutExecution execution, RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(run);
        var view = Envelope(
            execution,
            run.Id,
            run.Seq,
            ScoutEvents.Final(run.Status),
            run.CompletedAt ?? run.FinishedAt ?? run.CreatedAt,
            State(execution, run),
            run.Metrics.TotalCost);
        return run.Status == RunStatus.Succeeded ? view : WithError(view, Failed(run.Error?.Message ?? "The run failed.", run.Error?.NodeId, execution));
    }

    /// <summary>
    /// A feed event in the document's words, with <paramref name="state"/> (every block's output so far), or null when
    /// Scout has no word for it (<see cref="ScoutEvents.NameOf"/>) or it is about the empty config's trigger.
    /// </summary>
    public static EventView? Event(ScoutExecution execution, RunEvent feed, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(state);
        if (ScoutEvents.NameOf(feed.Type) is not { } name || (feed.NodeId is not null && !execution.Shows(feed.NodeId)))
        {
            return null;
        }

        var price = feed.Metrics?.TotalCost ?? PriceOf(state);
        var view = Envelope(execution, feed.RunId, feed.Seq, name, feed.At, (JsonObject)state.DeepClone(), price);
        if (feed.NodeId is { } node)
        {
            view = view with
            {
                Data = view.Data with
                {
                    BlockId = node,
                    BlockType = feed.NodeType,
                    Output = feed.Type == RunEventType.NodeSucceeded ? (JsonObject?)feed.Result?.DeepClone() : null,
                    Error = name == ScoutEvents.BlockRunFailed ? new RunErrorView(feed.Error ?? "The block was stopped.", node) : null,
                },
            };
        }

        return feed.IsTerminal && feed.Type != RunEventType.RunSucceeded
            ? WithError(view, Failed(feed.RunError?.Message ?? "The run failed.", feed.RunError?.NodeId, execution))
            : view;
    }

    /// <summary>Every block's output by block id: the results of the nodes that succeeded, in the run's order.</summary>
    public static JsonObject State(ScoutExecution execution, RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(run);
        var state = new JsonObject();
        foreach (var node in run.Nodes)
        {
            if (node is { Status: NodeStatus.Succeeded, Result: { } result } && execution.Shows(node.Id))
            {
                state[node.Id] = result.DeepClone();
            }
        }

        return state;
    }

    /// <summary>An event as a server-sent event: <c>id:</c> its sequence number, <c>event:</c> its name, <c>data:</c> the envelope.</summary>
    public static ServerSentEvent Message(EventView view, int seq)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ServerSentEvent(seq.ToString(CultureInfo.InvariantCulture), view.Name, JsonSerializer.Serialize(view, ScoutDialect.JsonOptions));
    }

    /// <summary>
    /// What a stream that reached its time limit ends with (the run goes on): the native run and its event feed after the
    /// last event sent, where a client can follow it.
    /// </summary>
    public static ServerSentEvent StreamLimit(string runId, string? lastId)
    {
        var after = int.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        var view = new StreamLimitView(
            "The stream reached its time limit; the run goes on.",
            runId,
            NativeLinks.Run(runId),
            NativeLinks.RunEvents(runId) + "?after=" + after.ToString(CultureInfo.InvariantCulture));
        return new ServerSentEvent(null, "stream_limit_reached", JsonSerializer.Serialize(view, ScoutDialect.JsonOptions));
    }

    /// <summary>The document's top-level <c>price</c>: two decimals as text (<c>"1.10"</c>).</summary>
    public static string PriceText(decimal price) =>
        decimal.Round(price, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    public static WorkflowSummaryView Summary(WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new(workflow.Id, workflow.Title, workflow.Description, Revision(workflow.LatestVersion), workflow.CreatedAt, workflow.UpdatedAt);
    }

    public static WorkflowView Workflow(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var workflow = loaded.Workflow;
        var errors = Errors(loaded);
        return new(
            workflow.Id,
            workflow.Title,
            workflow.Description,
            Revision(loaded.Version.Version),
            Config(loaded),
            errors.Count == 0,
            errors,
            workflow.CreatedAt,
            workflow.UpdatedAt);
    }

    public static RevisionView Revision(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var errors = Errors(loaded);
        return new(loaded.Workflow.Id, Revision(loaded.Version.Version), Config(loaded), errors.Count == 0, errors, loaded.Version.CreatedAt);
    }

    /// <summary>A revision id: the version's number as text.</summary>
    public static string Revision(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>A saved version's config as it was saved.</summary>
    public static JsonNode Config(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return JsonNode.Parse(loaded.Version.Definition ?? "{}") ?? new JsonObject();
    }

    private static List<ProblemView> Errors(LoadedWorkflow loaded) => [.. loaded.Prepared.Report.Errors.Select(ScoutDialect.Finding)];

    private static EventView Envelope(ScoutExecution execution, string runId, int seq, string name, DateTimeOffset at, JsonObject state, decimal price)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(runId);
        var hex = runId.Replace("-", string.Empty, StringComparison.Ordinal);
        var data = new EventDataView(
            new ActorView(execution.ActorId, "external"),
            execution.WorkflowId,
            runId,
            execution.Inputs.DeepClone(),
            execution.SessionId,
            state,
            execution.WorkflowConfig.DeepClone(),
            price) { RevisionId = execution.RevisionId };
        return new EventView(
            execution.OrganizationId,
            "evt_" + hex + "_" + seq.ToString(CultureInfo.InvariantCulture),
            "corr_" + hex,
            name,
            execution.Environment,
            at,
            data,
            PriceText(price),
            ScoutEvents.EventType,
            ScoutEvents.Version);
    }

    private static EventView WithError(EventView view, RunErrorView error) => view with { Data = view.Data with { Error = error } };

    // A run failed by the empty config's trigger has no block of the caller's to blame.
    private static RunErrorView Failed(string message, string? nodeId, ScoutExecution execution) => new(message, execution.Shows(nodeId) ? nodeId : null);

    // The price so far: what the blocks that have finished cost (a result's "cost").
    private static decimal PriceOf(JsonObject state) =>
        state.Select(p => p.Value is JsonObject result && result["cost"] is JsonValue { } cost && cost.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(cost.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0m).Sum();
}
