using System.Text.Json.Nodes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Api.Files;

/// <summary>
/// <c>result.json</c>: a run that has ended, whichever API started it, in the service's own words (the native status
/// words): what it ran, how it ended, its primary <c>output</c>, every output node's result (<c>outputs</c>), every
/// node's status, result and error, its metrics, and why it failed when it did.
/// </summary>
public sealed record ResultFileView(
    string RunId,
    string? WorkflowId,
    string? WorkflowUuid,
    int? Version,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JsonNode? Output,
    IReadOnlyDictionary<string, JsonObject> Outputs,
    IReadOnlyDictionary<string, ResultFileNodeView> Nodes,
    ResultFileMetricsView Metrics,
    ResultFileErrorView? Error)
{
    public static ResultFileView From(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var nodes = run.Nodes.ToDictionary(
            n => n.Id,
            n => new ResultFileNodeView(n.Type, n.Status.ToString().ToLowerInvariant(), n.Result, n.Error, n.StartedAt, n.CompletedAt, n.Attempts),
            StringComparer.Ordinal);
        var m = run.Metrics;
        return new(
            run.Id,
            run.WorkflowId,
            WorkflowUuids.Of(run.WorkflowId),
            run.Version,
            RunStatuses.Of(run.Status),
            run.CreatedAt,
            run.StartedAt,
            run.CompletedAt,
            run.Output?.DeepClone(),
            run.Result?.Outputs ?? new Dictionary<string, JsonObject>(),
            nodes,
            new ResultFileMetricsView(m.DurationMs, m.TotalCost, m.InputTokens, m.OutputTokens),
            run.Error is { } e ? new ResultFileErrorView(e.NodeId, e.Message) : null);
    }
}

/// <summary>One node: its type, status word, result (once it succeeded), error (once it failed), timings and attempts.</summary>
public sealed record ResultFileNodeView(
    string? Type, string Status, JsonObject? Result, string? Error, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, int Attempts);

/// <summary>How long the run took (ms), what it cost (USD) and the tokens its LLM calls used.</summary>
public sealed record ResultFileMetricsView(long DurationMs, decimal TotalCost, long InputTokens, long OutputTokens);

/// <summary>Why the run failed or was cancelled: the node whose failure ended it (null for run-level causes) and a message.</summary>
public sealed record ResultFileErrorView(string? NodeId, string Message);
