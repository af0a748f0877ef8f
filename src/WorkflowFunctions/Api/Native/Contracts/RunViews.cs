using System.Text.Json.Serialization;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>
/// Links of a run: to itself, its result and its cancel (a history row links to itself only), and once it has ended
/// its result file: an absolute URL that downloads it without an API key until it expires (an hour after it was read).
/// </summary>
public sealed record RunLinks(string Self, string? Result = null, string? Cancel = null, string? ResultFile = null)
{
    public static RunLinks Of(string id, string? resultFile = null) =>
        new(NativeLinks.Run(id), NativeLinks.RunResult(id), NativeLinks.RunCancel(id), resultFile);
}

/// <summary>Why a run failed or was cancelled, where the run has no result of its own to say so.</summary>
public sealed record RunErrorView(string Message);

/// <summary>
/// A run (<c>GET /runs/{id}</c>): the result once it has finished, the progress while it runs; a run stopped by force
/// or whose orchestration failed has only an error, and a batch item that has not started its index row's state. A
/// sub-run names the run whose <c>workflow-node</c> started it. A run <c>queued</c> for a slot of its workflow's
/// concurrency cap has its place in line, <c>queue_position</c> (1 is next). A run started with tags (a reference API's
/// session id, say) shows them in <c>tags</c>.
/// </summary>
public sealed record RunView(
    string Id,
    string Status,
    int? QueuePosition,
    string? WorkflowId,
    int? Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? BatchId,
    int? BatchIndex,
    string? ParentRunId,
    RunErrorView? Error,
    WorkflowRunResult? Result,
    WorkflowRunProgress? Progress,
    RunLinks Links)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <param name="run">The run.</param>
    /// <param name="resultFile">The signed URL of its result file, when it has one.</param>
    public static RunView From(RunSnapshot run, string? resultFile = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var error = run.State is RunState.Terminated or RunState.Faulted or RunState.NotStarted && run.Error is { } e ? new RunErrorView(e.Message) : null;
        return new(
            run.Id,
            RunStatuses.Of(run.Status),
            run.QueuePosition,
            run.WorkflowId,
            run.Version,
            run.CreatedAt,
            run.State == RunState.NotStarted ? run.CompletedAt : null,
            run.BatchId,
            run.BatchIndex,
            run.ParentRunId,
            error,
            run.Result,
            run.State == RunState.Running ? run.Progress : null,
            RunLinks.Of(run.Id, resultFile)) { Tags = run.Tags.Count > 0 ? run.Tags : null };
    }
}

/// <summary>The 202 of a run start that did not wait (or whose wait ran out).</summary>
public sealed record RunAcceptedView(string Id, string Status, string? WorkflowId, int? Version, DateTimeOffset CreatedAt, RunLinks Links)
{
    public static RunAcceptedView From(StartedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.RunId, RunStatuses.Queued, run.WorkflowId, run.Version, run.CreatedAt, RunLinks.Of(run.RunId));
    }
}

/// <summary><c>GET /runs/{id}/result</c>: the run, whether it finished within the wait, and when it did.</summary>
public sealed record RunResultView(string Id, string Status, bool Done, bool TimedOut, DateTimeOffset? FinishedAt, RunView Run)
{
    public static RunResultView From(RunSnapshot run, string? resultFile = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, RunStatuses.Of(run.Status), run.IsFinal, !run.IsFinal, run.IsFinal ? run.FinishedAt : null, RunView.From(run, resultFile));
    }
}

/// <summary>A history row; <c>tags</c> when the run started with some.</summary>
public sealed record RunSummaryView(
    string Id,
    string Status,
    string? WorkflowId,
    int? Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long? DurationMs,
    decimal? TotalCost,
    string? BatchId,
    int? BatchIndex,
    string? Error,
    RunLinks Links)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public static RunSummaryView From(RunSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var r = row.Record;
        return new(
            r.RunId, RunStatuses.Of(row.Status), r.WorkflowId, r.Version, r.CreatedAt, r.StartedAt, r.CompletedAt, r.DurationMs, r.TotalCost,
            r.BatchId, r.BatchIndex, r.Error,
            new RunLinks(NativeLinks.Run(r.RunId))) { Tags = r.Tags is { Count: > 0 } tags ? tags : null };
    }
}

/// <summary>The 202 of an approval decision.</summary>
public sealed record ApprovalView(string Id, string NodeId, string Decision, ApprovalLinks Links);

public sealed record ApprovalLinks(string Run);

/// <summary>A page of a list: its items and the cursor of the next page (null on the last).</summary>
public sealed record PageView<T>(IEnumerable<T> Items, string? NextCursor);
