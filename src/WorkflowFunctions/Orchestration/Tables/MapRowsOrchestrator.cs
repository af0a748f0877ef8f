using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>
/// Runs a map-rows node's rows in chunks of <see cref="MapRowsRequest.ChunkRows"/>, each a
/// <see cref="MapRowsChunkOrchestrator"/> sub-orchestration (instance <c>&lt;runId&gt;:&lt;nodeId&gt;:r&lt;first row&gt;</c>),
/// so no history grows with the table: a chunk's history is bounded by its rows, this one by the number of chunks
/// (the table's row limit over the chunk size), and the run's by the node alone. Up to
/// <see cref="MapRowsRequest.ParallelChunks"/> chunks run at once in lanes that share the node's concurrency, so
/// the cap holds at every moment. A failed row (unless the node continues on row errors) or a <c>cancel</c> event
/// stops it: the chunks still running are told to cancel and the answers so far are returned.
/// </summary>
public static class MapRowsOrchestrator
{
    [Function(FunctionNames.MapRows)]
    public static async Task<MapRowsResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var map = context.GetInput<MapRowsRequest>()
            ?? throw new InvalidOperationException("The map-rows orchestrator needs a MapRowsRequest input.");
        var total = map.Rows.Count;
        var chunkRows = Math.Max(1, map.ChunkRows);
        var concurrency = Math.Max(1, map.Concurrency);
        var chunks = (total + chunkRows - 1) / chunkRows;
        var lanes = Math.Clamp(Math.Min(map.ParallelChunks, concurrency), 1, Math.Max(1, chunks));
        var freeLanes = new Queue<int>(Enumerable.Range(0, lanes));
        var answers = new string?[total];
        var errors = new List<RowError>();
        var tally = new CallTally();
        var running = new List<(Task<MapRowsResult> Chunk, int Lane, int From, int Count, string Id)>();
        using var cancelWait = new CancellationTokenSource();
        var cancelEvent = context.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, cancelWait.Token);
        var next = 0;
        var stop = false;
        var cancelled = false;
        while (true)
        {
            while (!stop && freeLanes.Count > 0 && next < total)
            {
                var lane = freeLanes.Dequeue();
                var from = next;
                var count = Math.Min(chunkRows, total - from);
                next += count;
                var id = ChunkId(context.InstanceId, from);
                // Built and written only when the start is new: every episode replays every chunk start before it.
                var request = new ScheduledInput(context, () => new MapRowsChunkRequest
                {
                    Call = map.Call,
                    From = from,
                    Rows = [.. map.Rows.Skip(from).Take(count)],
                    Concurrency = Share(concurrency, lanes, lane),
                });
#pragma warning disable DURABLE2001 // A ScheduledInput is written as the MapRowsChunkRequest it builds.
                var task = context.CallSubOrchestratorAsync<MapRowsResult>(
                    FunctionNames.MapRowsChunk, request, new SubOrchestrationOptions { InstanceId = id });
#pragma warning restore DURABLE2001
                running.Add((task, lane, from, count, id));
            }

            if (running.Count == 0)
            {
                break;
            }

            if (stop)
            {
                foreach (var chunk in running)
                {
                    context.SendEvent(chunk.Id, RunEvents.Cancel, new RunCancellation(cancelled ? "Cancelled" : "A row failed"));
                }

                break;
            }

            var waitingOn = new Task[running.Count + 1];
            for (var i = 0; i < running.Count; i++)
            {
                waitingOn[i] = running[i].Chunk;
            }

            waitingOn[^1] = cancelEvent;
            var finished = await Task.WhenAny(waitingOn);
            if (finished == cancelEvent)
            {
                cancelled = true;
                stop = true;
                continue;
            }

            var index = running.FindIndex(r => r.Chunk == finished);
            var done = running[index];
            running.RemoveAt(index);
            freeLanes.Enqueue(done.Lane);
            MapRowsResult result;
            try
            {
                result = await done.Chunk;
            }
            catch (TaskFailedException ex)
            {
                errors.Add(new RowError(done.From, $"The chunk of rows {done.From + 1} to {done.From + done.Count} failed: {ex.FailureDetails.ErrorMessage}"));
                stop = !map.Call.ContinueOnRowError;
                continue;
            }

            for (var k = 0; k < result.Answers.Count && k < done.Count; k++)
            {
                answers[done.From + k] = result.Answers[k];
            }

            errors.AddRange(result.Errors);
            tally.Add(result);
            stop = result.Cancelled || (result.Errors.Count > 0 && !map.Call.ContinueOnRowError);
        }

        cancelWait.Cancel();
        return new MapRowsResult
        {
            Answers = answers,
            Errors = [.. errors.OrderBy(e => e.Row)],
            Cost = tally.Cost,
            InputTokens = tally.InputTokens,
            OutputTokens = tally.OutputTokens,
            Cancelled = cancelled,
        };
    }

    /// <summary>The instance ID of the chunk starting at row <paramref name="from"/> of the map-rows orchestration <paramref name="mapId"/>.</summary>
    public static string ChunkId(string mapId, int from) => $"{mapId}:r{from}";

    /// <summary>Lane <paramref name="lane"/>'s part of <paramref name="concurrency"/>; the parts add up to it.</summary>
    internal static int Share(int concurrency, int lanes, int lane) => (concurrency / lanes) + (lane < concurrency % lanes ? 1 : 0);
}
