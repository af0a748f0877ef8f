using Microsoft.DurableTask.Client;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// A run as the API shows it, read from the orchestration: the output when it has finished, the custom status
/// while it runs. A terminated orchestration (hard cancel) or a crashed one has no output: their status comes
/// from the runtime status. Batch items that have not started yet come from the run index.
/// </summary>
public static class RunView
{
    public static object From(string id, OrchestrationMetadata metadata, WorkflowRunRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var workflowId = string.IsNullOrEmpty(request?.WorkflowId) ? null : request.WorkflowId;
        var version = request?.Version is > 0 ? request.Version : (int?)null;
        var createdAt = request?.Index?.CreatedAt ?? metadata.CreatedAt;
        var batchId = request?.Index?.BatchId;
        var batchIndex = request?.Index?.BatchIndex;
        var links = Links(id);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WorkflowRunResult>() is { } result:
                return Completed(id, result, workflowId, version, createdAt, batchId, batchIndex);
            case OrchestrationRuntimeStatus.Terminated:
                return new { id, status = RunStatuses.Cancelled, workflow_id = workflowId, version, created_at = createdAt, batch_id = batchId, batch_index = batchIndex, error = new { message = metadata.SerializedOutput ?? "The run was cancelled." }, links };
            case OrchestrationRuntimeStatus.Failed:
                return new { id, status = RunStatuses.Failed, workflow_id = workflowId, version, created_at = createdAt, batch_id = batchId, batch_index = batchIndex, error = new { message = metadata.FailureDetails?.ErrorMessage ?? "The run failed." }, links };
            case OrchestrationRuntimeStatus.Pending:
                return new { id, status = RunStatuses.Queued, workflow_id = workflowId, version, created_at = createdAt, batch_id = batchId, batch_index = batchIndex, links };
            default:
                // A run is final only once its orchestration has completed with its output; until then the
                // custom status may already say how it will end, but the result is not readable yet.
                var progress = metadata.ReadCustomStatusAs<WorkflowRunProgress>();
                return new { id, status = LiveStatus(metadata), workflow_id = workflowId, version, created_at = createdAt, batch_id = batchId, batch_index = batchIndex, progress, links };
        }
    }

    /// <summary>
    /// A run whose end this instance has just recorded, with its carried result: the same view as
    /// <see cref="From(string, OrchestrationMetadata, WorkflowRunRequest?)"/> gives once the orchestration has completed.
    /// </summary>
    public static object From(RunCompletion recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var result = recorded.Result ?? throw new ArgumentException("The recorded end carries no result.", nameof(recorded));
        return Completed(recorded.RunId, result, recorded.WorkflowId, recorded.Version, recorded.CreatedAt, recorded.BatchId, recorded.BatchIndex);
    }

    /// <summary>A batch item that has not started: what the index knows.</summary>
    public static object From(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new
        {
            id = record.RunId,
            status = record.Status,
            workflow_id = record.WorkflowId,
            version = record.Version,
            created_at = record.CreatedAt,
            completed_at = record.CompletedAt,
            batch_id = record.BatchId,
            batch_index = record.BatchIndex,
            error = record.Error is null ? null : new { message = record.Error },
            links = Links(record.RunId),
        };
    }

    /// <summary>A history row; <paramref name="liveStatus"/> replaces the index's status for runs that have not ended.</summary>
    public static object Summary(RunRecord record, string? liveStatus = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new
        {
            id = record.RunId,
            status = liveStatus ?? record.Status,
            workflow_id = record.WorkflowId,
            version = record.Version,
            created_at = record.CreatedAt,
            started_at = record.StartedAt,
            completed_at = record.CompletedAt,
            duration_ms = record.DurationMs,
            total_cost = record.TotalCost,
            batch_id = record.BatchId,
            batch_index = record.BatchIndex,
            error = record.Error,
            links = new { self = $"/api/v1/runs/{record.RunId}" },
        };
    }

    /// <summary>
    /// The status word of a run's orchestration as it is now: from its output once it has completed (a run whose
    /// end the index has not recorded yet), else from its runtime and custom status.
    /// </summary>
    public static string LiveStatus(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WorkflowRunResult>() is { } result => result.Status.ToString().ToLowerInvariant(),
            OrchestrationRuntimeStatus.Pending => RunStatuses.Queued,
            OrchestrationRuntimeStatus.Terminated => RunStatuses.Cancelled,
            OrchestrationRuntimeStatus.Failed => RunStatuses.Failed,
            _ when metadata.ReadCustomStatusAs<WorkflowRunProgress>()?.Status == Engine.Execution.RunStatus.Waiting => RunStatuses.Waiting,
            _ => RunStatuses.Running,
        };
    }

    // One shape for a finished run, whether read from its orchestration's output or from its recorded end.
    private static object Completed(string id, WorkflowRunResult result, string? workflowId, int? version, DateTimeOffset createdAt, string? batchId, int? batchIndex) =>
        new { id, status = result.Status.ToString().ToLowerInvariant(), workflow_id = workflowId, version, created_at = createdAt, batch_id = batchId, batch_index = batchIndex, result, links = Links(id) };

    private static object Links(string id) => new
    {
        self = $"/api/v1/runs/{id}",
        result = $"/api/v1/runs/{id}/result",
        cancel = $"/api/v1/runs/{id}/cancel",
    };
}
