using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Orchestration.Batches;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Batches: many runs of one workflow version, accepted all-or-nothing (every item's input is checked before
/// anything is stored), run by a batch orchestration that never has more than the batch's concurrency in flight.
/// </summary>
public sealed class BatchEndpoints(
    ApiAuthenticator auth,
    WorkflowRepository workflows,
    PreparedWorkflowCache definitions,
    BatchRepository batches,
    RunIndex index,
    RunStarter starter,
    IdempotentRequest idempotency,
    BatchCounts batchCounts,
    TimeProvider time,
    IOptions<ApiOptions> options)
{
    private const int MaxReportedProblems = 50;

    [Function("CreateBatch")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows/{id}/batches")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Run);
        if (denied is not null)
        {
            return denied;
        }

        var query = new QueryParameters(request);
        var version = query.Number("version", 1, int.MaxValue);
        if (query.Error is { } invalidQuery)
        {
            return invalidQuery;
        }

        var (json, bodyError) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (body, error) = BatchBody.Read(json, options.Value.MaxBatchItems);
        if ((error ?? starter.CheckTimeout(body?.TimeoutSeconds)) is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        return await idempotency.RunAsync(request, caller!, "batch", json!.Value.GetRawText(), async () =>
        {
            var loaded = await LoadedWorkflow.LoadAsync(workflows, definitions, caller!.AccountId, id, version, cancellationToken);
            if (loaded is null)
            {
                return version is null ? ApiErrors.NotFound("Workflow", id) : ApiErrors.NotFound("Workflow version", $"{id}@{version}");
            }

            if (RunStarter.CheckDefinition(loaded.Prepared) is { } invalidWorkflow)
            {
                return invalidWorkflow;
            }

            var inputs = new List<string>(body!.Items.Count);
            var problems = new List<object>();
            var failedItems = 0;
            for (var i = 0; i < body.Items.Count; i++)
            {
                var result = RunInputValidator.Validate(loaded.Prepared.InputFields, RunInput.FromJson(body.Items[i]));
                if (!result.IsValid)
                {
                    failedItems++;
                    problems.AddRange(result.Problems.Take(Math.Max(0, MaxReportedProblems - problems.Count)).Select(p => new { index = i, field = p.FieldId, code = p.Code, message = p.Message, path = $"$.items[{i}]" + p.Path.TrimStart('$') }));
                    continue;
                }

                inputs.Add((result.Input ?? new JsonObject()).ToJsonString());
            }

            if (failedItems > 0)
            {
                return ApiErrors.Unprocessable("Invalid batch items", $"{failedItems} of {body.Items.Count} item(s) have invalid input; nothing was started. The first {problems.Count} problem(s) are listed.", problems);
            }

            var batch = new BatchRecord
            {
                AccountId = caller.AccountId,
                Id = StorageKeys.NewId("b_"),
                WorkflowId = loaded.Workflow.Id,
                Version = loaded.Version.Version,
                Total = inputs.Count,
                Concurrency = body.Concurrency,
                Status = BatchStatuses.Running,
                CreatedAt = time.GetUtcNow(),
            };

            // Items first, then the batch row that makes them visible, then the orchestration that runs them.
            await index.AddBatchItemsAsync(batch.AccountId, batch.Id, batch.WorkflowId, batch.Version, batch.CreatedAt, inputs, cancellationToken);
            await batches.AddAsync(batch, cancellationToken);
            var run = new BatchRunRequest
            {
                AccountId = batch.AccountId,
                BatchId = batch.Id,
                WorkflowId = batch.WorkflowId,
                Version = batch.Version,
                Total = batch.Total,
                Concurrency = batch.Concurrency,
                TimeoutSeconds = body.TimeoutSeconds,
                CreatedAt = batch.CreatedAt,
            };
            await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.BatchOrchestrator, run, new StartOrchestrationOptions(batch.Id), CancellationToken.None);
            var self = $"/api/v1/batches/{batch.Id}";
            request.HttpContext.Response.Headers.Location = self;
            return ApiResponses.Ok(
                new
                {
                    id = batch.Id,
                    workflow_id = batch.WorkflowId,
                    version = batch.Version,
                    total = batch.Total,
                    concurrency = batch.Concurrency,
                    status = batch.Status,
                    created_at = batch.CreatedAt,
                    runs = Enumerable.Range(0, batch.Total).Select(i => new { run_id = RunIndex.BatchRunId(batch.Id, i), index = i }),
                    links = new { self, runs = self + "/runs", cancel = self + "/cancel" },
                },
                202);
        });
    }

    [Function("GetBatch")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/batches/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var batch = await batches.FindAsync(caller!.AccountId, id, cancellationToken);
        if (batch is null)
        {
            return ApiErrors.NotFound("Batch", id);
        }

        var counts = await batchCounts.GetAsync(caller.AccountId, batch.Id, batch.CompletedAt is not null, ct => index.CountBatchAsync(caller.AccountId, batch.Id, ct), cancellationToken);
        return ApiResponses.Ok(new
        {
            id = batch.Id,
            workflow_id = batch.WorkflowId,
            version = batch.Version,
            total = batch.Total,
            concurrency = batch.Concurrency,
            status = batch.Status,
            counts,
            finished = counts.Where(c => RunStatuses.IsFinal(c.Key)).Sum(c => c.Value),
            created_at = batch.CreatedAt,
            completed_at = batch.CompletedAt,
            links = new { self = $"/api/v1/batches/{batch.Id}", runs = $"/api/v1/batches/{batch.Id}/runs", cancel = $"/api/v1/batches/{batch.Id}/cancel" },
        });
    }

    [Function("ListBatchRuns")]
    public async Task<IActionResult> Runs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/batches/{id}/runs")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var query = new QueryParameters(request);
        var status = query.OneOf("status", RunStatuses.All);
        var limit = query.Number("limit", 1, options.Value.MaxPageSize) ?? 50;
        var after = query.Cursor();
        if (query.Error is { } invalid)
        {
            return invalid;
        }

        var batch = await batches.FindAsync(caller!.AccountId, id, cancellationToken);
        if (batch is null)
        {
            return ApiErrors.NotFound("Batch", id);
        }

        var page = await index.ListAsync(caller.AccountId, new RunQuery { BatchId = batch.Id, Status = status, Limit = limit, After = after }, cancellationToken);
        var rows = await RunLookup.WithLiveStatusAsync(client, page.Items, cancellationToken);

        // As in the run history, queued, running and waiting are told apart by the live status (pages may be short).
        var items = rows.Where(r => status is null || r.Status == status).Select(r => RunView.Summary(r.Run, r.Status));
        return ApiResponses.Ok(new { items, next_cursor = QueryParameters.EncodeCursor(page.Next) });
    }

    [Function("CancelBatch")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/batches/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Run);
        if (denied is not null)
        {
            return denied;
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        var batch = await batches.FindAsync(caller!.AccountId, id, cancellationToken);
        if (batch is null)
        {
            return ApiErrors.NotFound("Batch", id);
        }

        if (batch.Status == BatchStatuses.Completed)
        {
            return ApiErrors.Conflict($"Batch '{id}' has already completed; there is nothing to cancel.");
        }

        if (batch.Status != BatchStatuses.Cancelled)
        {
            // Stop new starts first (segments read the batch row), then wake the segments, then cancel what runs.
            await batches.SetStatusAsync(caller.AccountId, batch.Id, BatchStatuses.Cancelled, null, cancellationToken);
            batchCounts.Forget(caller.AccountId, batch.Id);
            for (var from = 0; from < batch.Total; from += BatchOrchestrator.SegmentSize(batch.Concurrency))
            {
                await RaiseQuietlyAsync(client, BatchOrchestrator.SegmentId(batch.Id, from), cancellationToken);
            }

            var running = await index.ListAsync(caller.AccountId, new RunQuery { BatchId = batch.Id, Status = RunStatuses.Running, Limit = options.Value.MaxPageSize }, cancellationToken);
            foreach (var run in running.Items.Where(r => r.Status == RunStatuses.Running))
            {
                await RaiseQuietlyAsync(client, run.RunId, cancellationToken);
            }
        }

        return ApiResponses.Ok(new { id = batch.Id, status = BatchStatuses.Cancelled, links = new { self = $"/api/v1/batches/{batch.Id}" } }, 202);
    }

    // A segment or run may not have started yet, or may have finished: either way there is nothing to signal.
    private static async Task RaiseQuietlyAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is not null && !instance.IsCompleted)
        {
            await client.RaiseEventAsync(instanceId, RunEvents.Cancel, new RunCancellation("The batch was cancelled."), cancellationToken);
        }
    }
}
