using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The <c>RecordRunCompletion</c> activity's input: how an indexed run ended.</summary>
public sealed record RunCompletion
{
    /// <summary>
    /// The largest serialized <see cref="Result"/> a completion carries. A larger result is left out (it would be
    /// stored twice in the run's history for little gain), and its waiters read it from the finished orchestration.
    /// </summary>
    public const int MaxCarriedResultBytes = 64 * 1024;

    [JsonPropertyName("account_id")]
    public required string AccountId { get; init; }

    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    [JsonPropertyName("workflow_id")]
    public string? WorkflowId { get; init; }

    [JsonPropertyName("version")]
    public int? Version { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("completed_at")]
    public DateTimeOffset CompletedAt { get; init; }

    [JsonPropertyName("duration_ms")]
    public long DurationMs { get; init; }

    [JsonPropertyName("total_cost")]
    public decimal TotalCost { get; init; }

    [JsonPropertyName("batch_id")]
    public string? BatchId { get; init; }

    [JsonPropertyName("batch_index")]
    public int? BatchIndex { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("input_tokens")]
    public long? InputTokens { get; init; }

    [JsonPropertyName("output_tokens")]
    public long? OutputTokens { get; init; }

    [JsonPropertyName("parent_run_id")]
    public string? ParentRunId { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The run's claim on its workflow's concurrency slots, released with its end; null for uncapped runs.</summary>
    [JsonPropertyName("slot")]
    public RunSlotClaim? Slot { get; init; }

    /// <summary>
    /// The run's final result, when it is at most <see cref="MaxCarriedResultBytes"/>: the orchestration's output
    /// to be, so requests waiting on this instance answer the moment the end is recorded instead of after the
    /// orchestration's last commit. Null for crashed runs and large results.
    /// </summary>
    [JsonPropertyName("result")]
    public WorkflowRunResult? Result { get; init; }

    /// <summary>How a run that finished (succeeded, failed or cancelled by its own orchestrator) ended, with its result when it is small.</summary>
    public static RunCompletion Ended(string runId, WorkflowRunRequest request, RunIndexEntry index, WorkflowRunResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(result);
        return Of(runId, request, index) with
        {
            Status = RunStatuses.Of(result.Status),
            StartedAt = new DateTimeOffset(result.StartedAt, TimeSpan.Zero),
            CompletedAt = new DateTimeOffset(result.CompletedAt, TimeSpan.Zero),
            DurationMs = result.Metrics.DurationMs,
            TotalCost = result.Metrics.TotalCost,
            InputTokens = result.Metrics.InputTokens,
            OutputTokens = result.Metrics.OutputTokens,
            Error = result.Error?.Message,
            Result = JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options).Length <= MaxCarriedResultBytes ? result : null,
        };
    }

    /// <summary>A run that ended without a result of its own: its orchestration faulted, or it was terminated.</summary>
    public static RunCompletion Stopped(string runId, WorkflowRunRequest request, RunIndexEntry index, string status, string error, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(index);
        return Of(runId, request, index) with { Status = status, StartedAt = at, CompletedAt = at, Error = error };
    }

    /// <summary>A run stopped from outside its orchestration (a terminate), described by what a reader knows of it.</summary>
    public static RunCompletion Stopped(
        string runId,
        string accountId,
        string? workflowId,
        int? version,
        string? parentRunId,
        RunIndexEntry index,
        string status,
        string error,
        DateTimeOffset at,
        RunSlot? slot = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        var request = new WorkflowRunRequest
        {
            AccountId = accountId,
            WorkflowId = workflowId ?? string.Empty,
            Version = version ?? 0,
            Definition = default,
            ParentRunId = parentRunId,
            Slot = slot,
        };
        return Stopped(runId, request, index, status, error, at);
    }

    /// <summary>The run history row this completion writes.</summary>
    public RunRecord ToRecord() => new()
    {
        AccountId = AccountId,
        RunId = RunId,
        WorkflowId = WorkflowId,
        Version = Version,
        Status = Status,
        CreatedAt = CreatedAt,
        StartedAt = StartedAt,
        CompletedAt = CompletedAt,
        DurationMs = DurationMs,
        TotalCost = TotalCost,
        BatchId = BatchId,
        BatchIndex = BatchIndex,
        Error = Error,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        ParentRunId = ParentRunId,
        Tags = Tags,
    };

    private static RunCompletion Of(string runId, WorkflowRunRequest request, RunIndexEntry index) => new()
    {
        AccountId = request.AccountId,
        RunId = runId,
        WorkflowId = string.IsNullOrEmpty(request.WorkflowId) ? null : request.WorkflowId,
        Version = request.Version == 0 ? null : request.Version,
        Status = RunStatuses.Failed,
        CreatedAt = index.CreatedAt,
        BatchId = index.BatchId,
        BatchIndex = index.BatchIndex,
        ParentRunId = request.ParentRunId,
        Tags = index.Tags,
        // Its place in line is known to the orchestrator (which sets it); a run stopped from outside is searched for.
        Slot = request.Slot is { } slot && request.WorkflowId.Length > 0 ? RunSlotClaim.Of(runId, request.AccountId, request.WorkflowId, slot, null) : null,
    };
}
