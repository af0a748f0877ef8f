using Microsoft.DurableTask.Client;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Builds <see cref="RunSnapshot"/>s from the three places a run's state lives: its orchestration (output, runtime
/// status, custom status), the end its orchestrator recorded in the run index with the result it carried, and a
/// batch item's index row before its run starts. <see cref="RunReader"/> is the only caller.
/// </summary>
internal static class RunSnapshots
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public static RunSnapshot FromOrchestration(string id, OrchestrationMetadata metadata, RunRequestHeader header, int tableRows)
    {
        var run = new RunSnapshot
        {
            Id = id,
            AccountId = header.AccountId,
            WorkflowId = header.WorkflowId,
            Version = header.Version,
            Status = RunStatus.Queued,
            State = RunState.Pending,
            CreatedAt = header.Index?.CreatedAt ?? metadata.CreatedAt,
            BatchId = header.Index?.BatchId,
            BatchIndex = header.Index?.BatchIndex,
            ParentRunId = header.ParentRunId,
            Tags = header.Index?.Tags ?? NoTags,
            IndexEntry = header.Index,
            Slot = header.Slot,
        };
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WorkflowRunResult>() is { } result:
                return WithResult(run, result, tableRows) with { FinishedAt = metadata.LastUpdatedAt };
            case OrchestrationRuntimeStatus.Terminated:
                // A terminated run has no result of its own; its last published progress still says what its nodes
                // did (and its events), and whatever had not finished was stopped with it.
                var last = WithProgress(run, metadata, header);
                return last with
                {
                    Status = RunStatus.Cancelled,
                    State = RunState.Terminated,
                    CompletedAt = metadata.LastUpdatedAt,
                    FinishedAt = metadata.LastUpdatedAt,
                    Nodes = [.. last.Nodes.Select(n => n with { Status = Stopped(n.Status) })],
                    Error = new RunError(null, metadata.SerializedOutput ?? "The run was cancelled."),
                    Progress = null,
                };
            case OrchestrationRuntimeStatus.Failed:
                return WithProgress(run, metadata, header) with
                {
                    Status = RunStatus.Failed,
                    State = RunState.Faulted,
                    CompletedAt = metadata.LastUpdatedAt,
                    FinishedAt = metadata.LastUpdatedAt,
                    Error = new RunError(null, metadata.FailureDetails?.ErrorMessage ?? "The run failed."),
                    Progress = null,
                };
            case OrchestrationRuntimeStatus.Pending:
                return run;
            default:
                // A run is final only once its orchestration has completed with its output; until then the custom
                // status may already say how it will end, but the result is not readable yet.
                var running = WithProgress(run, metadata, header);
                return running with
                {
                    Status = running.Progress?.Status is RunStatus.Waiting or RunStatus.Queued ? running.Progress.Status : RunStatus.Running,
                    State = RunState.Running,
                    QueuePosition = running.Progress?.Status == RunStatus.Queued ? running.Progress.QueuePosition : null,
                };
        }
    }

    /// <summary>A run whose end this instance has just recorded, with its carried result; finished when it was recorded.</summary>
    public static RunSnapshot FromRecordedEnd(RecordedRunEnd end, int tableRows)
    {
        var recorded = end.Completion;
        var result = recorded.Result ?? throw new ArgumentException("The recorded end carries no result.", nameof(end));
        return WithResult(
            new RunSnapshot
            {
                Id = recorded.RunId,
                AccountId = recorded.AccountId,
                WorkflowId = recorded.WorkflowId,
                Version = recorded.Version,
                Status = result.Status,
                State = RunState.Completed,
                CreatedAt = recorded.CreatedAt,
                BatchId = recorded.BatchId,
                BatchIndex = recorded.BatchIndex,
                Tags = recorded.Tags ?? NoTags,
                FinishedAt = end.RecordedAt,
            },
            result,
            tableRows);
    }

    /// <summary>A batch item that has not started: what its index row knows.</summary>
    public static RunSnapshot FromIndex(RunRecord record) => new()
    {
        Id = record.RunId,
        AccountId = record.AccountId,
        WorkflowId = record.WorkflowId,
        Version = record.Version,
        Status = RunStatuses.Parse(record.Status),
        State = RunState.NotStarted,
        CreatedAt = record.CreatedAt,
        StartedAt = record.StartedAt,
        CompletedAt = record.CompletedAt,
        FinishedAt = record.IsFinal ? record.CompletedAt : null,
        Error = record.Error is { } error ? new RunError(null, error) : null,
        BatchId = record.BatchId,
        BatchIndex = record.BatchIndex,
        Tags = record.Tags ?? NoTags,
        Seq = record.IsFinal ? RunEventNumbers.Started : RunEventNumbers.Queued,
    };

    /// <summary>The status of a run's orchestration as it is now (for history rows the index cannot tell apart).</summary>
    public static RunStatus LiveStatus(OrchestrationMetadata metadata) => metadata.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WorkflowRunResult>() is { } result => result.Status,
        OrchestrationRuntimeStatus.Pending => RunStatus.Queued,
        OrchestrationRuntimeStatus.Terminated => RunStatus.Cancelled,
        OrchestrationRuntimeStatus.Failed => RunStatus.Failed,
        _ when metadata.ReadCustomStatusAs<WorkflowRunProgress>()?.Status is { } live && live is RunStatus.Waiting or RunStatus.Queued => live,
        _ => RunStatus.Running,
    };

    /// <summary>The run with its whole result, loaded from the result store its output referred to.</summary>
    public static RunSnapshot WithStoredResult(RunSnapshot run, WorkflowRunResult whole, int tableRows) =>
        WithResult(run, whole, tableRows) with { State = run.State, FinishedAt = run.FinishedAt };

    private static RunSnapshot WithResult(RunSnapshot run, WorkflowRunResult result, int tableRows) => run with
    {
        Status = result.Status,
        State = RunState.Completed,
        StartedAt = Utc(result.StartedAt),
        CompletedAt = Utc(result.CompletedAt),
        Nodes = result.Nodes.Values.Select(n => Node(n, result.Timeline.GetValueOrDefault(n.Id))).ToList(),
        Output = result.Output,
        Error = result.Error,
        Metrics = result.Metrics,
        ChildRuns = result.ChildRuns,
        Result = result.WithTable(tableRows),

        // A result written before runs numbered their events has no timelines: its feed is the run's own events.
        Seq = result.Seq > 0 ? result.Seq : RunEventNumbers.Started + (result.HasOutput ? 2 : 1),
    };

    // The progress the orchestration published last (none before its first step): node states, timings and events.
    private static RunSnapshot WithProgress(RunSnapshot run, OrchestrationMetadata metadata, RunRequestHeader header)
    {
        if (metadata.ReadCustomStatusAs<WorkflowRunProgress>() is not { } progress)
        {
            return run;
        }

        // A run waiting for a concurrency slot has not started: it has no start time, and its nodes have no timelines.
        DateTimeOffset? startedAt = progress.StartedAt is { } started ? Utc(started) : null;
        return run with
        {
            StartedAt = startedAt,
            Nodes = progress.Nodes.Select(n => Node(n.Key, n.Value, progress, header, startedAt ?? run.CreatedAt)).ToList(),
            ChildRuns = progress.ChildRuns,
            Progress = progress,
            Seq = Math.Max(progress.Seq, RunEventNumbers.Started),
        };
    }

    private static NodeSnapshot Node(NodeRunRecord record, NodeTimeline? timeline) => new(record.Id, record.Status)
    {
        Type = string.IsNullOrEmpty(record.Type) ? null : record.Type,
        Result = record.Result,
        Error = record.Error,
        StartedAt = record.StartedAt is { } started ? Utc(started) : null,
        CompletedAt = record.CompletedAt is { } completed ? Utc(completed) : null,
        Attempts = record.Attempts,
        ChildRunId = record.ChildRunId,
        Timeline = timeline,
    };

    private static NodeSnapshot Node(string id, NodeStatus status, WorkflowRunProgress progress, RunRequestHeader header, DateTimeOffset startedAt)
    {
        var timeline = progress.Timeline.GetValueOrDefault(id);
        return new(id, status)
        {
            Type = header.NodeTypes.GetValueOrDefault(id),
            Result = progress.Results.GetValueOrDefault(id),
            Error = progress.Errors.GetValueOrDefault(id),
            ChildRunId = progress.ChildRuns.GetValueOrDefault(id),
            StartedAt = timeline?.Start?.At(startedAt),
            CompletedAt = timeline?.Start is not null ? timeline.End?.At(startedAt) : null,
            Timeline = timeline,
        };
    }

    private static NodeStatus Stopped(NodeStatus status) =>
        status is NodeStatus.Queued or NodeStatus.Running or NodeStatus.Waiting ? NodeStatus.Cancelled : status;

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
