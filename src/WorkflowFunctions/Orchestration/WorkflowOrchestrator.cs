using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The orchestrator of one workflow run: input <see cref="WorkflowRunRequest"/>, output <see cref="WorkflowRunResult"/>,
/// custom status <see cref="WorkflowRunProgress"/>, external events <see cref="RunEvents"/>. The Functions entry
/// point reads the input and calls <see cref="RunAsync"/>, which the LocalHost and tests call directly.
/// </summary>
public sealed class WorkflowOrchestrator(IOptions<OrchestrationOptions> options, IOptions<TableOptions>? tables = null)
{
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
            await RecordAsync(context, RunCompletion.Stopped(
                context.InstanceId, request, crashed, RunStatuses.Failed, "The run failed: " + ex.Message, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)));
            throw;
        }

        result = await KeepSmallAsync(context, request, result);
        if (request.Index is { } index)
        {
            await RecordAsync(context, RunCompletion.Ended(context.InstanceId, request, index, result));
        }

        // The custom status describes a run in progress. A completed run is read from its output alone, so the
        // last progress snapshot would only be stored beside it for nothing.
        context.SetCustomStatus(null);
        return result;
    }

    /// <summary>
    /// A top-level run's result larger than <see cref="OrchestrationOptions.MaxInlineResultBytes"/> goes to the result
    /// store, and the orchestration's output keeps every node's state and a reference, so its final commit stays small.
    /// Sub-runs keep their results: their parent's node reads them. When the store cannot be written the whole result
    /// stays the output, which fits the engine because <see cref="OrchestrationOptions.MaxRunResultBytes"/> is below its limit.
    /// </summary>
    private async Task<WorkflowRunResult> KeepSmallAsync(TaskOrchestrationContext context, WorkflowRunRequest request, WorkflowRunResult result)
    {
        if (request.ParentRunId is not null || request.Index is null
            || JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options).Length <= options.Value.MaxInlineResultBytes)
        {
            return result;
        }

        try
        {
            var stored = await context.CallActivityAsync<StoredRunResult>(
                FunctionNames.StoreRunResult, new StoreRunResultRequest(request.AccountId, context.InstanceId, result), Bookkeeping.Retry);
            return result.KeptIn(stored);
        }
        catch (TaskFailedException ex)
        {
            Logs.RunResultNotStored(context.CreateReplaySafeLogger<WorkflowOrchestrator>(), context.InstanceId, ex.Message);
            return result;
        }
    }

    private static async Task RecordAsync(TaskOrchestrationContext context, RunCompletion completion)
    {
        try
        {
            await context.CallActivityAsync(FunctionNames.RecordRunCompletion, completion, Bookkeeping.Retry);
        }
        catch (TaskFailedException ex)
        {
            Logs.RunIndexNotUpdated(context.CreateReplaySafeLogger<WorkflowOrchestrator>(), context.InstanceId, ex.Message);
        }
    }
}
