using System.Text;
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
public sealed class WorkflowOrchestrator(
    IOptions<OrchestrationOptions> options, IOptions<TableOptions>? tables = null, IOptions<ConcurrencyOptions>? concurrency = null)
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
        var run = new WorkflowRun(context, request, options.Value, tables?.Value ?? new TableOptions(), concurrency?.Value ?? new ConcurrencyOptions());
        WorkflowRunResult? ended;
        try
        {
            ended = await run.ExecuteAsync();
        }
        catch (Exception ex) when (request.Index is { } crashed)
        {
            // A fault of the orchestrator itself (node failures never throw) fails the orchestration, which the
            // API reports as a failed run; its history row must say so too, or it would stay unfinished forever.
            var at = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            var failed = RunCompletion.Stopped(context.InstanceId, request, crashed, RunStatuses.Failed, "The run failed: " + ex.Message, at);
            await RecordAsync(context, WithSlot(failed, run));
            throw;
        }

        if (ended is null)
        {
            // The run continued as new from a checkpoint (ContinueAsNew): the next generation returns its result.
            return null!;
        }

        var result = await KeepSmallAsync(context, request, ended);
        if (request.Index is { } index)
        {
            await RecordAsync(context, WithSlot(RunCompletion.Ended(context.InstanceId, request, index, result), run));
        }

        // The custom status describes a run in progress. A completed run is read from its output alone, so the
        // last progress snapshot would only be stored beside it for nothing.
        context.SetCustomStatus(null);
        return result;
    }

    /// <summary>
    /// A top-level run's result larger than <see cref="OrchestrationOptions.MaxInlineResultBytes"/> goes to the result
    /// store, and the orchestration's output keeps every node's state and a reference, so its final commit stays small.
    /// The result's JSON is written in parts of at most <see cref="RunResultParts.MaxPartChars"/> chars, one
    /// <c>StoreRunResultPart</c> activity each (fanned out), so no single activity input nears the engine's limit on one
    /// message. Sub-runs keep their results: their parent's node reads them. When the store cannot be written, a result
    /// within <see cref="OrchestrationOptions.MaxSubRunResultBytes"/> (one message) stays the output; a larger one is
    /// kept without node results, which the output could not hold.
    /// </summary>
    private async Task<WorkflowRunResult> KeepSmallAsync(TaskOrchestrationContext context, WorkflowRunRequest request, WorkflowRunResult result)
    {
        if (request.ParentRunId is not null || request.Index is null)
        {
            return result;
        }

        // Serialization with DurablePayloadJson.Options is deterministic, so every replay splits the same parts.
        var json = JsonSerializer.Serialize(result, DurablePayloadJson.Options);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes <= options.Value.MaxInlineResultBytes)
        {
            return result;
        }

        var parts = RunResultParts.Split(json);
        try
        {
            await Task.WhenAll(parts.Select((text, part) => context.CallActivityAsync(
                FunctionNames.StoreRunResultPart,
                new StoreRunResultPartRequest(request.AccountId, context.InstanceId, part, text),
                Bookkeeping.Retry)));
            return result.KeptIn(new StoredRunResult(RunResultActivities.NameOf(request.AccountId, context.InstanceId), bytes, parts.Count));
        }
        catch (TaskFailedException ex)
        {
            Logs.RunResultNotStored(context.CreateReplaySafeLogger<WorkflowOrchestrator>(), context.InstanceId, ex.Message);
            return bytes <= options.Value.MaxSubRunResultBytes ? result : result.WithoutResults();
        }
    }

    // The claim the run made carries its place in line, so its release finds the row at once.
    private static RunCompletion WithSlot(RunCompletion completion, WorkflowRun run) =>
        run.SlotClaim is { } claim ? completion with { Slot = claim with { Recheck = false } } : completion;

    private static async Task RecordAsync(TaskOrchestrationContext context, RunCompletion completion)
    {
        try
        {
            await RunEnds.RecordAsync(context, completion);
        }
        catch (TaskFailedException ex)
        {
            Logs.RunIndexNotUpdated(context.CreateReplaySafeLogger<WorkflowOrchestrator>(), context.InstanceId, ex.Message);
        }
    }
}
