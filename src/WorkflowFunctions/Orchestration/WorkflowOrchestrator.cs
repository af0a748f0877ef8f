using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration.Tables;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The orchestrator of one workflow run: input <see cref="WorkflowRunRequest"/>, output <see cref="WorkflowRunResult"/>,
/// custom status <see cref="WorkflowRunProgress"/>, external events <see cref="RunEvents"/>. The Functions entry
/// point reads the input and calls <see cref="RunAsync"/>, which the LocalHost and tests call directly.
/// </summary>
public sealed class WorkflowOrchestrator(IOptions<OrchestrationOptions> options, IOptions<TableOptions>? tables = null)
{
    // Recording the end in the run index retries for about ten minutes of storage trouble; after that the run
    // still completes (its result stays readable) and only its history row is stale.
    private static readonly TaskOptions RecordRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(2)));

    [Function(FunctionNames.WorkflowOrchestrator)]
    public Task<WorkflowRunResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<WorkflowRunRequest>()
            ?? throw new InvalidOperationException("The workflow orchestrator needs a WorkflowRunRequest input.");
        return RunAsync(context, request);
    }

    /// <summary>Runs the workflow, then records its end when it is indexed; deterministic, so it replays.</summary>
    public async Task<WorkflowRunResult> RunAsync(TaskOrchestrationContext context, WorkflowRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        WorkflowRunResult result;
        try
        {
            result = await new WorkflowRun(context, request, options.Value, tables?.Value ?? new TableOptions()).ExecuteAsync();
        }
        catch (Exception ex) when (request.Index is { } crashed)
        {
            // A fault of the orchestrator itself (node failures never throw) fails the orchestration, which the
            // API reports as a failed run; its history row must say so too, or it would stay unfinished forever.
            await RecordAsync(context, Crashed(context, request, crashed, ex));
            throw;
        }

        if (request.Index is { } index)
        {
            await RecordAsync(context, Completion(context.InstanceId, request, index, result));
        }

        // The custom status describes a run in progress. A completed run is read from its output alone, so the
        // last progress snapshot would only be stored beside it for nothing.
        context.SetCustomStatus(null);
        return result;
    }

    private static async Task RecordAsync(TaskOrchestrationContext context, RunCompletion completion)
    {
        try
        {
            await context.CallActivityAsync(FunctionNames.RecordRunCompletion, completion, RecordRetry);
        }
        catch (TaskFailedException ex)
        {
            Logs.RunIndexNotUpdated(context.CreateReplaySafeLogger<WorkflowOrchestrator>(), context.InstanceId, ex.Message);
        }
    }

    private static RunCompletion Crashed(TaskOrchestrationContext context, WorkflowRunRequest request, RunIndexEntry index, Exception fault) => new()
    {
        AccountId = request.AccountId,
        RunId = context.InstanceId,
        WorkflowId = string.IsNullOrEmpty(request.WorkflowId) ? null : request.WorkflowId,
        Version = request.Version == 0 ? null : request.Version,
        Status = "failed",
        CreatedAt = index.CreatedAt,
        StartedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
        CompletedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
        BatchId = index.BatchId,
        BatchIndex = index.BatchIndex,
        Error = "The run failed: " + fault.Message,
    };

    private static RunCompletion Completion(string runId, WorkflowRunRequest request, RunIndexEntry index, WorkflowRunResult result) => new()
    {
        AccountId = request.AccountId,
        RunId = runId,
        WorkflowId = string.IsNullOrEmpty(request.WorkflowId) ? null : request.WorkflowId,
        Version = request.Version == 0 ? null : request.Version,
        Status = result.Status.ToString().ToLowerInvariant(),
        CreatedAt = index.CreatedAt,
        StartedAt = new DateTimeOffset(result.StartedAt, TimeSpan.Zero),
        CompletedAt = new DateTimeOffset(result.CompletedAt, TimeSpan.Zero),
        DurationMs = result.Metrics.DurationMs,
        TotalCost = result.Metrics.TotalCost,
        BatchId = index.BatchId,
        BatchIndex = index.BatchIndex,
        Error = result.Error?.Message,
        Result = JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options).Length <= RunCompletion.MaxCarriedResultBytes ? result : null,
    };
}
