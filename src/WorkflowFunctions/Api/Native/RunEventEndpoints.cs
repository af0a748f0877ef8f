using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// A run's events as server-sent events (replayed after the client's last event, then live until the terminal
/// event), and the result of a node whose event left it out. Both need the <c>read</c> scope.
/// </summary>
public sealed class RunEventEndpoints(NativeApi api, RunReader reader, RunWatchers watchers)
{
    [Function("StreamRunEvents")]
    public Task<IActionResult> Stream(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}/events")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.StreamAsync(request, ApiKeyScopes.Read, async call =>
        {
            var after = LastEventId(call);
            if ((after.Failure ?? call.Query.Failure) is { } invalid)
            {
                return invalid;
            }

            var found = await reader.FindAsync(client, call.Caller, id, call.Cancellation);
            if (found.Failure is { } missing)
            {
                return missing;
            }

            var run = found.Value;
            if (run.IsFinal && RunFeed.Events(run)[^1].Seq <= after.Value)
            {
                return ServerSentEvents.Finished;
            }

            var inline = call.Options.EventResultInlineBytes;
            return new ServerSentEvents(
                cancellation => watchers.StreamAsync(client, run, after.Value, cancellation).Select(e => NativeRunEvents.ToMessage(e, inline)),
                last => NativeRunEvents.Reconnect(run.Id, last));
        }, client);

    [Function("GetNodeResult")]
    public Task<IActionResult> NodeResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}/nodes/{nodeId}/result")] HttpRequest request,
        string id,
        string nodeId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var timeoutMs = call.Query.Number("timeout", 0, call.Options.MaxResultTimeoutMs) ?? call.Options.DefaultResultTimeoutMs;
            if (call.Query.Failure is { } invalid)
            {
                return invalid;
            }

            var wait = call.Limits.Cap(TimeSpan.FromMilliseconds(timeoutMs));
            return (await reader.FindNodeAsync(client, call.Caller, id, nodeId, wait, call.Cancellation)).Map(found =>
                ApiResponse.Ok(new NodeResultView(
                    found.Run.Id,
                    found.Node.Id,
                    found.Node.Status.ToString().ToLowerInvariant(),
                    found.Node.Result is not null,
                    found.Node.Result)));
        }, client);

    // Where the client is: the Last-Event-ID an EventSource sends when it reconnects, else ?after=, else 0.
    internal static Outcome<int> LastEventId(ApiCall call)
    {
        var header = call.Request.Headers["Last-Event-ID"].ToString().Trim();
        if (header.Length == 0)
        {
            return call.Query.Number("after", 0, int.MaxValue) ?? 0;
        }

        return int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? seq
            : Failure.BadRequest($"The Last-Event-ID header must be an event's sequence number (a non-negative integer); got '{header}'.");
    }
}
