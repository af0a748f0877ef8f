using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// What both executes do once the run is started: without <c>streaming</c>, wait for it (up to
/// <c>Api__MaxWaitSeconds</c>, within the response limit on Azure) and answer its final event, or its
/// <c>workflow_run_started</c> event when it has not ended in time (it goes on); with <c>streaming</c>, its events from
/// the run feed as server-sent events until the final one, then the stream closes.
/// </summary>
public sealed class ScoutRunner(RunReader reader, RunWatchers watchers)
{
    public async Task<Outcome<ApiAnswer>> AnswerAsync(
        ApiCall call, DurableTaskClient client, Outcome<StartedRun> started, Func<StartedRun, ScoutExecution> execution, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(execution);
        if (started.Failure is { } refused)
        {
            return refused;
        }

        var run = started.Value;
        var described = execution(run);
        if (!streaming)
        {
            var wait = call.Limits.Cap(TimeSpan.FromSeconds(Math.Max(0, call.Options.MaxWaitSeconds)));
            var finished = wait > TimeSpan.Zero ? await reader.WaitForStartedAsync(client, run.RunId, wait, call.Cancellation) : null;
            return ApiAnswer.Once(ApiResponse.Ok(
                finished is null ? ScoutMapper.Started(described, run.RunId, run.CreatedAt) : ScoutMapper.Final(described, finished)));
        }

        var first = await reader.FindAsync(client, call.Caller, run.RunId, call.Cancellation);
        return first.Map(snapshot => ApiAnswer.Stream(new ServerSentEvents(
            cancellation => EventsAsync(client, call.Caller, described, snapshot, cancellation),
            last => ScoutMapper.StreamLimit(run.RunId, last))));
    }

    private async IAsyncEnumerable<ServerSentEvent> EventsAsync(
        DurableTaskClient client, Caller caller, ScoutExecution execution, RunSnapshot first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = new JsonObject();
        await foreach (var feed in watchers.StreamAsync(client, first, 0, cancellationToken).ConfigureAwait(false))
        {
            if (feed is { Type: RunEventType.NodeSucceeded, Result: { } result } && execution.Shows(feed.NodeId))
            {
                state[feed.NodeId!] = result.DeepClone();
            }

            var view = ScoutMapper.Event(execution, feed, state);
            if (feed.IsTerminal)
            {
                // The finished run, read whole: outputs the live progress left out are in its final state.
                var final = await reader.FindAsync(client, caller, first.Id, cancellationToken).ConfigureAwait(false);
                view = final is { Succeeded: true, Value.IsFinal: true } ? ScoutMapper.Final(execution, final.Value) : view;
            }

            if (view is not null)
            {
                yield return ScoutMapper.Message(view, feed.Seq);
            }
        }
    }
}
