using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Files;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Runs: start a saved workflow (optionally waiting for the result) or an ad-hoc definition, read a run, long-poll
/// its result, cancel it, decide its approval nodes, and list history. Starting, cancelling and approving need
/// the <c>run</c> scope; reading needs <c>read</c>.
/// </summary>
public sealed class RunEndpoints(NativeApi api, RunCommands commands, RunReader reader, ResultFiles files)
{
    [Function("StartWorkflowRun")]
    public Task<IActionResult> StartSaved(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows/{id}/runs")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var version = call.Query.Number("version", 1, int.MaxValue);
            var wait = call.Query.Number("wait", 0, call.Options.MaxWaitSeconds);
            var timeout = call.Query.Number("timeout_seconds", 1, int.MaxValue);
            if ((call.Query.Failure ?? commands.CheckTimeout(timeout)) is { } invalid)
            {
                return invalid;
            }

            var body = await call.ReadContentAsync();
            var input = body.Map(b => b.Text is { } text
                ? RunInput.FromText(text)
                : RunInput.FromJson(b.Json is { } json ? JsonNode.Parse(json.GetRawText()) : null));
            return input.Failure ?? await call.IdempotentAsync("run", input.Value.ToJsonString(), async () =>
                await AcceptedOrResultAsync(
                    call,
                    await commands.StartSavedAsync(client, call.Caller, id, version, input.Value, timeout, call.Cancellation),
                    wait));
        }, client);

    [Function("StartRun")]
    public Task<IActionResult> StartAdHoc(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var wait = call.Query.Number("wait", 0, call.Options.MaxWaitSeconds);
            if (call.Query.Failure is { } invalid)
            {
                return invalid;
            }

            var body = (await call.ReadJsonAsync()).Map(AdHocRun.Read);
            var run = body.Failure is null ? body.Value : null;
            return body.Failure ?? run!.Failure ?? commands.CheckTimeout(run.TimeoutSeconds) ?? await call.IdempotentAsync("adhoc", run.Fingerprint, async () =>
                await AcceptedOrResultAsync(
                    call,
                    await commands.StartAdHocAsync(client, call.Caller, run.Definition, run.Input, run.TimeoutSeconds, call.Cancellation),
                    wait));
        }, client);

    [Function("GetRun")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await reader.FindAsync(client, call.Caller, id, call.Cancellation)).Map(run => ApiResponse.Ok(RunView.From(run, ResultFile(request, run)))),
            client);

    [Function("GetRunResult")]
    public Task<IActionResult> Result(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}/result")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var timeoutMs = call.Query.Number("timeout", 0, call.Options.MaxResultTimeoutMs) ?? call.Options.DefaultResultTimeoutMs;
            // On Azure the wait ends before the front end's response limit, answering "not finished yet" (done: false).
            var timeout = call.Limits.Cap(TimeSpan.FromMilliseconds(timeoutMs));
            return call.Query.Failure ?? (await reader.WaitAsync(client, call.Caller, id, timeout, call.Cancellation))
                .Map(run => ApiResponse.Ok(RunResultView.From(run, ResultFile(request, run))));
        }, client);

    [Function("CancelRun")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var body = await call.ReadJsonAsync(64 * 1024);
            var reason = body.Succeeded
                    && body.Value is { ValueKind: JsonValueKind.Object } b
                    && b.TryGetProperty("reason", out var r)
                    && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            return body.Failure
                ?? (await commands.CancelAsync(client, call.Caller, id, reason, call.Cancellation)).Map(run => ApiResponse.Ok(RunView.From(run)));
        }, client);

    [Function("DecideApproval")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs/{id}/approvals/{nodeId}")] HttpRequest request,
        string id,
        string nodeId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var body = await call.ReadJsonAsync();
            if (body.Failure is { } unreadable)
            {
                return unreadable;
            }

            if (ApprovalBody.Read(body.Value) is not { } decision)
            {
                return Failure.BadRequest(
                    "The body must be {\"decision\": \"approve\" | \"reject\", \"data\": <optional>} or {\"approved\": true | false, \"data\": <optional>}.");
            }

            var sent = await commands.ApproveAsync(client, call.Caller, id, nodeId, decision.Approved, decision.Data, call.Cancellation);
            var view = new ApprovalView(id, nodeId, decision.Approved ? "approve" : "reject", new ApprovalLinks(NativeLinks.Run(id)));
            return sent.Map(_ => ApiResponse.Accepted(view));
        }, client);

    [Function("ListRuns")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, call => ListAsync(call, client, null), client);

    [Function("ListWorkflowRuns")]
    public Task<IActionResult> ListOfWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/runs")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, call => ListAsync(call, client, id), client);

    private async Task<Outcome<ApiResponse>> ListAsync(ApiCall call, DurableTaskClient client, string? workflowIdOrAlias)
    {
        var query = call.Query;
        var runQuery = new RunQuery
        {
            WorkflowId = workflowIdOrAlias ?? query.Text("workflow_id", 100),
            Status = query.OneOf("status", RunStatuses.All),
            CreatedAfter = query.Time("created_after"),
            CreatedBefore = query.Time("created_before"),
            BatchId = query.Text("batch_id", 100),
            ParentRunId = query.Text("parent_run_id", 300),
            Limit = query.Number("limit", 1, call.Options.MaxPageSize) ?? 50,
            After = query.Cursor(),
        };
        if (query.Failure is { } invalid)
        {
            return invalid;
        }

        var page = await reader.ListAsync(client, call.Caller, runQuery, workflowMustExist: workflowIdOrAlias is not null, call.Cancellation);
        return page.Map(p => ApiResponse.Ok(new PageView<RunSummaryView>(p.Items.Select(RunSummaryView.From), QueryParameters.EncodeCursor(p.Next))));
    }

    // The signed, key-less URL of the run's result file, on the host the request came in on; null until it has one.
    private string? ResultFile(HttpRequest request, RunSnapshot run) => files.LinkFor(run) is { } link ? ResultFileLinks.Url(request, link) : null;

    private async Task<Outcome<ApiResponse>> AcceptedOrResultAsync(ApiCall call, Outcome<StartedRun> started, int? wait)
    {
        if (started.Failure is { } refused)
        {
            return refused;
        }

        var run = started.Value;
        var location = NativeLinks.Run(run.RunId);
        if (wait is > 0
            && await reader.WaitForStartedAsync(call.Durable, run.RunId, call.Limits.Cap(TimeSpan.FromSeconds(wait.Value)), call.Cancellation) is { } finished)
        {
            return ApiResponse.Ok(RunView.From(finished, ResultFile(call.Request, finished))) with { Location = location };
        }

        return ApiResponse.Accepted(RunAcceptedView.From(run), location);
    }
}
