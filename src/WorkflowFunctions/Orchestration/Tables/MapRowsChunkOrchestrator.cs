using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>
/// Runs one chunk of a map-rows node: each row's call is the <c>ExecuteNode</c> activity with the row in its
/// request, at most the chunk's share of the node's concurrency in flight, the next row starting as soon as one
/// ends. Each finished call is recorded in this orchestration's history, so after a crash only rows without a
/// recorded result run again; the history holds a few events per row of the chunk and no more. A failed row
/// stops the chunk unless the node continues on row errors; a <c>cancel</c> event stops it at once.
/// </summary>
public static class MapRowsChunkOrchestrator
{
    [Function(FunctionNames.MapRowsChunk)]
    public static async Task<MapRowsResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chunk = context.GetInput<MapRowsChunkRequest>()
            ?? throw new InvalidOperationException("The map-rows chunk orchestrator needs a MapRowsChunkRequest input.");
        var call = chunk.Call;
        var options = call.Policy.ToTaskOptions();
        var answers = new string?[chunk.Rows.Count];
        var errors = new List<RowError>();
        var tally = new CallTally();
        var running = new List<(Task<NodeExecutionResult> Call, int Row)>();
        using var cancelWait = new CancellationTokenSource();
        var cancelEvent = context.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, cancelWait.Token);
        var next = 0;
        var stop = false;
        var cancelled = false;
        while (true)
        {
            while (!stop && running.Count < chunk.Concurrency && next < chunk.Rows.Count)
            {
                var row = next++;
                // Built and written only when the call is new, as for every node (see ScheduledInput).
                var request = new ScheduledInput(context, () => call.RowRequest(chunk.Rows[row]));
#pragma warning disable DURABLE2001 // A ScheduledInput is written as the NodeExecutionRequest it builds.
                running.Add((context.CallActivityAsync<NodeExecutionResult>(FunctionNames.ExecuteNode, request, options), row));
#pragma warning restore DURABLE2001
            }

            if (stop || running.Count == 0)
            {
                break;
            }

            var waitingOn = new Task[running.Count + 1];
            for (var i = 0; i < running.Count; i++)
            {
                waitingOn[i] = running[i].Call;
            }

            waitingOn[^1] = cancelEvent;
            var finished = await Task.WhenAny(waitingOn);
            if (finished == cancelEvent)
            {
                cancelled = true;
                break;
            }

            var index = running.FindIndex(r => r.Call == finished);
            var (task, settled) = running[index];
            running.RemoveAt(index);
            var (result, error) = await Settle(task);
            if (error is not null)
            {
                errors.Add(new RowError(chunk.From + settled, error));
                stop = !call.ContinueOnRowError;
                continue;
            }

            answers[settled] = TemplateValues.ToText(result?["content"]);
            tally.Add(result);
        }

        cancelWait.Cancel();
        return new MapRowsResult
        {
            Answers = answers,
            Errors = errors,
            Cost = tally.Cost,
            InputTokens = tally.InputTokens,
            OutputTokens = tally.OutputTokens,
            Cancelled = cancelled,
        };
    }

    /// <summary>The row's result, or its error when the call failed.</summary>
    private static async Task<(System.Text.Json.Nodes.JsonObject? Result, string? Error)> Settle(Task<NodeExecutionResult> call)
    {
        try
        {
            var result = await call;
            return result.Succeeded ? (result.Result, null) : (null, result.Error ?? "The call failed.");
        }
        catch (TaskFailedException ex)
        {
            return (null, ex.FailureDetails.ErrorMessage);
        }
    }
}
