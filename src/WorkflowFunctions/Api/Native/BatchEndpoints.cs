using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Batches: many runs of one workflow version, accepted all-or-nothing, read with their counts, listed item by item,
/// cancelled. Creating and cancelling need the <c>run</c> scope; reading needs <c>read</c>.
/// </summary>
public sealed class BatchEndpoints(NativeApi api, BatchCommands commands, BatchReader reader, RunCommands runs)
{
    [Function("CreateBatch")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows/{id}/batches")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var version = call.Query.Number("version", 1, int.MaxValue);
            if (call.Query.Failure is { } invalidQuery)
            {
                return invalidQuery;
            }

            var json = await call.ReadJsonAsync();
            var body = json.Failure ?? BatchBody.Read(json.Value, call.Options.MaxBatchItems);
            var batch = body.Failure is null ? body.Value : null;
            return body.Failure ?? runs.CheckTimeout(batch!.TimeoutSeconds) ?? await call.IdempotentAsync("batch", json.Value!.Value.GetRawText(), async () =>
                (await commands.CreateAsync(client, call.Caller, id, version, batch, call.Cancellation))
                    .Map(created => ApiResponse.Accepted(BatchCreatedView.From(created), NativeLinks.Batch(created.Id))));
        }, client);

    [Function("GetBatch")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/batches/{id}")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await reader.FindAsync(call.Caller, id, call.Cancellation)).Map(batch => ApiResponse.Ok(BatchView.From(batch))));

    [Function("ListBatchRuns")]
    public Task<IActionResult> Runs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/batches/{id}/runs")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var status = call.Query.OneOf("status", RunStatuses.All);
            var limit = call.Query.Number("limit", 1, call.Options.MaxPageSize) ?? 50;
            var after = call.Query.Cursor();
            return call.Query.Failure ?? (await reader.ListRunsAsync(client, call.Caller, id, status, limit, after, call.Cancellation))
                .Map(page => ApiResponse.Ok(new PageView<RunSummaryView>(page.Items.Select(RunSummaryView.From), QueryParameters.EncodeCursor(page.Next))));
        }, client);

    [Function("CancelBatch")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/batches/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
            (await commands.CancelAsync(client, call.Caller, id, call.Cancellation))
                .Map(batch => ApiResponse.Accepted(BatchCancelledView.From(batch))), client);
}
