using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Runs: start a saved workflow (optionally waiting for the result) or an ad-hoc definition, read a run, long-poll
/// its result, cancel it, decide its approval nodes, and list history. Starting, cancelling and approving need
/// the <c>run</c> scope; reading needs <c>read</c>.
/// </summary>
public sealed class RunEndpoints(
    ApiAuthenticator auth,
    WorkflowRepository workflows,
    PreparedWorkflowCache definitions,
    RunStarter starter,
    RunWaiter waiter,
    RunLookup lookup,
    RunIndex index,
    IdempotentRequest idempotency,
    RunCompletionSignals signals,
    TimeProvider time,
    IOptions<ApiOptions> options)
{
    [Function("StartWorkflowRun")]
    public async Task<IActionResult> StartSaved(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows/{id}/runs")] HttpRequest request,
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
        var wait = query.Number("wait", 0, options.Value.MaxWaitSeconds);
        var timeoutSeconds = query.Number("timeout_seconds", 1, int.MaxValue);
        if ((query.Error ?? starter.CheckTimeout(timeoutSeconds)) is { } invalid)
        {
            return invalid;
        }

        var (json, text, bodyError) = await RequestBody.ReadInputAsync(request, options.Value.MaxBodyBytes);
        if (bodyError is not null)
        {
            return bodyError;
        }

        JsonNode input = text is not null ? RunInput.FromText(text) : RunInput.FromJson(json is { } j ? JsonNode.Parse(j.GetRawText()) : null);
        var cancellationToken = request.HttpContext.RequestAborted;
        return await idempotency.RunAsync(request, caller!, "run", input.ToJsonString(), async () =>
        {
            var loaded = await LoadedWorkflow.LoadAsync(workflows, definitions, caller!.AccountId, id, version, cancellationToken);
            if (loaded is null)
            {
                return version is null ? ApiErrors.NotFound("Workflow", id) : ApiErrors.NotFound("Workflow version", $"{id}@{version}");
            }

            if (RunStarter.Check(loaded.Prepared, input, out var validated) is { } problem)
            {
                return problem;
            }

            var (run, refused) = await starter.StartAsync(client, caller, loaded.Workflow.Id, loaded.Version.Version, loaded.Prepared.Executable, validated, timeoutSeconds, cancellationToken);
            return refused ?? await AcceptedOrResultAsync(request, client, caller, run!, wait);
        });
    }

    [Function("StartRun")]
    public async Task<IActionResult> StartAdHoc(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Run);
        if (denied is not null)
        {
            return denied;
        }

        var query = new QueryParameters(request);
        var wait = query.Number("wait", 0, options.Value.MaxWaitSeconds);
        if (query.Error is { } invalidQuery)
        {
            return invalidQuery;
        }

        var (json, bodyError) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (json is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("definition", out var definition) || definition.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadRequest("'definition' is required and must be a workflow definition object.");
        }

        int? timeoutSeconds = null;
        if (body.TryGetProperty("timeout_seconds", out var timeout) && timeout.ValueKind != JsonValueKind.Null)
        {
            if (timeout.ValueKind != JsonValueKind.Number || !timeout.TryGetInt32(out var seconds))
            {
                return ApiErrors.BadRequest("'timeout_seconds' must be an integer.");
            }

            timeoutSeconds = seconds;
        }

        if (starter.CheckTimeout(timeoutSeconds) is { } invalidTimeout)
        {
            return invalidTimeout;
        }

        var input = body.TryGetProperty("input", out var given) && given.ValueKind != JsonValueKind.Null ? JsonNode.Parse(given.GetRawText()) : null;
        var cancellationToken = request.HttpContext.RequestAborted;
        return await idempotency.RunAsync(request, caller!, "adhoc", body.GetRawText(), async () =>
        {
            var prepared = definitions.Prepare(JsonSerializer.Serialize(definition));
            if (RunStarter.Check(prepared, input, out var validated) is { } problem)
            {
                return problem;
            }

            var (run, refused) = await starter.StartAsync(client, caller!, null, null, prepared.Executable, validated, timeoutSeconds, cancellationToken);
            return refused ?? await AcceptedOrResultAsync(request, client, caller!, run!, wait);
        });
    }

    [Function("GetRun")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var found = await lookup.FindAsync(client, caller!, id, request.HttpContext.RequestAborted);
        return found is null ? ApiErrors.NotFound("Run", id) : ApiResponses.Ok(found.View(id));
    }

    [Function("GetRunResult")]
    public async Task<IActionResult> Result(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}/result")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var query = new QueryParameters(request);
        var timeoutMs = query.Number("timeout", 0, options.Value.MaxResultTimeoutMs) ?? options.Value.DefaultResultTimeoutMs;
        if (query.Error is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        var deadline = time.GetUtcNow().AddMilliseconds(timeoutMs);
        var found = await lookup.FindAsync(client, caller!, id, cancellationToken);
        if (found is null)
        {
            return ApiErrors.NotFound("Run", id);
        }

        // A batch item that has not started yet is waited for too: first until it starts, then until it ends.
        found = await lookup.WaitForStartAsync(client, caller!, found, deadline, cancellationToken);
        if (found.NotStarted is { } pending)
        {
            var ended = RunStatuses.IsFinal(pending.Status);
            return ApiResponses.Ok(new { id, status = pending.Status, done = ended, timed_out = !ended, finished_at = ended ? pending.CompletedAt : null, run = RunView.From(pending) });
        }

        var remaining = deadline - time.GetUtcNow();
        var waited = RunWaiter.IsFinal(found.Metadata!) || remaining <= TimeSpan.Zero
            ? new RunWaitOutcome(found.Metadata, null)
            : await waiter.WaitAsync(client, id, remaining, getInputsAndOutputs: true, cancellationToken);
        if (waited.Recorded is { } recorded)
        {
            // finished_at: when this instance recorded the run's end (durably, in the run index), with its result.
            var recordedView = RunView.From(recorded.Completion);
            return ApiResponses.Ok(new { id, status = recorded.Completion.Status, done = true, timed_out = false, finished_at = recorded.RecordedAt, run = recordedView });
        }

        var metadata = waited.Metadata ?? found.Metadata!;
        var done = RunWaiter.IsFinal(metadata);
        var view = RunView.From(id, metadata, found.Request);
        // finished_at: when the orchestration recorded its final state, which is when the run counts as finished.
        return ApiResponses.Ok(new { id, status = done ? StatusOf(view) : RunView.LiveStatus(metadata), done, timed_out = !done, finished_at = done ? metadata.LastUpdatedAt : (DateTimeOffset?)null, run = view });
    }

    [Function("CancelRun")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Run);
        if (denied is not null)
        {
            return denied;
        }

        var (json, bodyError) = await RequestBody.ReadJsonAsync(request, 64 * 1024);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var reason = json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var cancellationToken = request.HttpContext.RequestAborted;
        var found = await lookup.FindAsync(client, caller!, id, cancellationToken);
        if (found is null)
        {
            return ApiErrors.NotFound("Run", id);
        }

        if (found.NotStarted is not null)
        {
            return ApiErrors.Conflict($"Run '{id}' is a batch item that has not started; cancel its batch with POST /api/v1/batches/{found.NotStarted.BatchId}/cancel.");
        }

        if (RunWaiter.IsFinal(found.Metadata!))
        {
            return ApiErrors.Conflict($"Run '{id}' has already finished ({StatusOf(RunView.From(id, found.Metadata!, found.Request))}); there is nothing to cancel.");
        }

        if (signals.HasEnded(id))
        {
            // Its end is recorded and its orchestration completes within its next step: terminating it now would
            // contradict the result its waiters were already given.
            return ApiErrors.Conflict($"Run '{id}' has already finished; there is nothing to cancel.");
        }

        var grace = TimeSpan.FromSeconds(Math.Clamp(options.Value.CancelGraceSeconds, 0, 300));
        var outcome = await RunControl.CancelAsync(client, id, reason ?? "Cancelled by request", grace, cancellationToken);
        if (outcome == RunControlOutcome.Terminated && found.Request?.Index is { } entry)
        {
            // A terminated orchestration never records its own end.
            await index.RecordCompletedAsync(
                new RunRecord { AccountId = caller!.AccountId, RunId = id, WorkflowId = found.Request.WorkflowId, Version = found.Request.Version, Status = RunStatuses.Cancelled, CreatedAt = entry.CreatedAt, CompletedAt = DateTimeOffset.UtcNow, BatchId = entry.BatchId, BatchIndex = entry.BatchIndex, Error = reason ?? "Cancelled by request" },
                CancellationToken.None);
        }

        if (outcome == RunControlOutcome.Terminated)
        {
            // Nor does it wake the requests waiting for it; they would sleep until their next re-read.
            signals.Signal(id);
        }

        var after = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        return ApiResponses.Ok(after is null ? new { id, status = RunStatuses.Cancelled } : RunView.From(id, after, found.Request));
    }

    [Function("DecideApproval")]
    public async Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs/{id}/approvals/{nodeId}")] HttpRequest request,
        string id,
        string nodeId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Run);
        if (denied is not null)
        {
            return denied;
        }

        var (json, bodyError) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (ApprovalBody.Read(json) is not { } decision)
        {
            return ApiErrors.BadRequest("The body must be {\"decision\": \"approve\" | \"reject\", \"data\": <optional>} or {\"approved\": true | false, \"data\": <optional>}.");
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        var found = await lookup.FindAsync(client, caller!, id, cancellationToken);
        if (found?.Metadata is null)
        {
            return found is null ? ApiErrors.NotFound("Run", id) : ApiErrors.Conflict($"Run '{id}' has not started; it has no node waiting for approval.");
        }

        return await RunControl.ApproveAsync(client, id, nodeId, decision.Approved, decision.Data, cancellationToken) switch
        {
            RunControlOutcome.Sent => ApiResponses.Ok(new { id, node_id = nodeId, decision = decision.Approved ? "approve" : "reject", links = new { run = $"/api/v1/runs/{id}" } }, 202),
            RunControlOutcome.AlreadyFinished => ApiErrors.Conflict($"Run '{id}' has already finished; its approvals can no longer change."),
            RunControlOutcome.NotWaiting => ApiErrors.Conflict($"Node '{nodeId}' of run '{id}' is not waiting for approval."),
            _ => ApiErrors.NotFound("Run", id),
        };
    }

    [Function("ListRuns")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ListAsync(request, client, null);

    [Function("ListWorkflowRuns")]
    public Task<IActionResult> ListOfWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/runs")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        ListAsync(request, client, id);

    private async Task<IActionResult> ListAsync(HttpRequest request, DurableTaskClient client, string? workflowIdOrAlias)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var query = new QueryParameters(request);
        var runQuery = new RunQuery
        {
            WorkflowId = workflowIdOrAlias ?? query.Text("workflow_id", 100),
            Status = query.OneOf("status", RunStatuses.All),
            CreatedAfter = query.Time("created_after"),
            CreatedBefore = query.Time("created_before"),
            BatchId = query.Text("batch_id", 100),
            Limit = query.Number("limit", 1, options.Value.MaxPageSize) ?? 50,
            After = query.Cursor(),
        };
        if (query.Error is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        if (runQuery.WorkflowId is { } workflowId)
        {
            // Accept the integer alias too; an unknown workflow has no runs to list for this account.
            var workflow = await workflows.FindAsync(caller!.AccountId, workflowId, cancellationToken);
            if (workflow is null && workflowIdOrAlias is not null)
            {
                return ApiErrors.NotFound("Workflow", workflowId);
            }

            runQuery = runQuery with { WorkflowId = workflow?.Id ?? workflowId };
        }

        var page = await index.ListAsync(caller!.AccountId, runQuery, cancellationToken);
        var rows = await RunLookup.WithLiveStatusAsync(client, page.Items, cancellationToken);

        // The index knows only whether a run has ended; queued, running and waiting are told apart by the live
        // status, so a page filtered by one of them can hold fewer items than the limit while next_cursor is set.
        var items = rows.Where(r => runQuery.Status is not { } wanted || r.Status == wanted).Select(r => RunView.Summary(r.Run, r.Status));
        return ApiResponses.Ok(new { items, next_cursor = QueryParameters.EncodeCursor(page.Next) });
    }

    private async Task<IActionResult> AcceptedOrResultAsync(HttpRequest request, DurableTaskClient client, Caller caller, RunRecord run, int? wait)
    {
        var self = $"/api/v1/runs/{run.RunId}";
        request.HttpContext.Response.Headers.Location = self;
        if (wait is > 0)
        {
            var waited = await waiter.WaitAsync(client, run.RunId, TimeSpan.FromSeconds(wait.Value), getInputsAndOutputs: true, request.HttpContext.RequestAborted);
            if (waited.Recorded is { } recorded)
            {
                return ApiResponses.Ok(RunView.From(recorded.Completion));
            }

            if (waited.Metadata is { } metadata && RunWaiter.IsFinal(metadata))
            {
                return ApiResponses.Ok(RunView.From(run.RunId, metadata, metadata.ReadInputAs<WorkflowRunRequest>()));
            }
        }

        return ApiResponses.Ok(
            new
            {
                id = run.RunId,
                status = RunStatuses.Queued,
                workflow_id = run.WorkflowId,
                version = run.Version,
                created_at = run.CreatedAt,
                links = new { self, result = self + "/result", cancel = self + "/cancel" },
            },
            202);
    }

    private static string StatusOf(object view) =>
        JsonSerializer.SerializeToElement(view, ApiResponses.Json).GetProperty("status").GetString() ?? RunStatuses.Running;
}
