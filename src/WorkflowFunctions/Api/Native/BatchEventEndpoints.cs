using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Native;

/// <summary>A batch's events as server-sent events: each item as it finishes, with counts, then the batch's end (<c>read</c> scope).</summary>
public sealed class BatchEventEndpoints(NativeApi api, BatchWatchers watchers)
{
    [Function("StreamBatchEvents")]
    public Task<IActionResult> Stream(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/batches/{id}/events")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.StreamAsync(request, ApiKeyScopes.Read, async call =>
        {
            var after = RunEventEndpoints.LastEventId(call);
            if ((after.Failure ?? call.Query.Failure) is { } invalid)
            {
                return invalid;
            }

            if (await watchers.FindAsync(client, call.Caller.AccountId, id, call.Cancellation) is not { } batch)
            {
                return Failure.NotFound("Batch", id);
            }

            if (batch.IsFinal && BatchFeed.Events(batch)[^1].Seq <= after.Value)
            {
                return ServerSentEvents.Finished;
            }

            return new ServerSentEvents(
                cancellation => watchers.StreamAsync(client, batch, after.Value, cancellation).Select(NativeBatchEvents.ToMessage),
                last => NativeBatchEvents.Reconnect(batch.Batch.Id, last));
        }, client);
}
