using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Files;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// Reference 004's executions: start one, start a batch, read one (with its result file once finished). Executions
/// run with the document's 15-minute timeout. Starting needs the <c>run</c> scope, reading <c>read</c>.
/// </summary>
public sealed class ScriptSoExecutionEndpoints(
    ScriptSoApi api, RunCommands commands, RunReader reader, WorkflowReader workflows, BatchCommands batches, ResultFiles files)
{
    [Function("ScriptSoStartExecution")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScriptSoApi.Workflows + "/{workflowId}/executions")] HttpRequest request,
        string workflowId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var json = await call.ReadJsonAsync();
            var input = json.Failure ?? ScriptSoBodies.Input(json.Value);
            return input.Failure ?? await call.IdempotentAsync("scriptso-execution", input.Value?.ToJsonString() ?? "null", async () =>
            {
                var timeout = commands.TimeoutCappedAt(ScriptSoApi.ExecutionTimeoutSeconds);
                var started = await commands.StartSavedAsync(client, call.Caller, workflowId, null, input.Value, timeout, call.Cancellation);
                return started.Map(run => ApiResponse.Created(ScriptSoMapper.Created(run), ExecutionPath(run.WorkflowId!, run.RunId)));
            });
        }, client);

    [Function("ScriptSoStartBatch")]
    public Task<IActionResult> Batch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScriptSoApi.Workflows + "/{workflowId}/executions/batch")] HttpRequest request,
        string workflowId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var json = await call.ReadJsonAsync();
            var body = json.Failure ?? ScriptSoBodies.Batch(json.Value, call.Options.MaxBatchItems);
            return body.Failure ?? await call.IdempotentAsync("scriptso-batch", json.Value!.Value.GetRawText(), async () =>
            {
                var batch = new BatchRequest(body.Value.Items, body.Value.Concurrency, commands.TimeoutCappedAt(ScriptSoApi.ExecutionTimeoutSeconds));
                return (await batches.CreateAsync(client, call.Caller, workflowId, null, batch, call.Cancellation))
                    .Map(created => ApiResponse.Accepted(ScriptSoMapper.Batch(created)));
            });
        }, client);

    [Function("ScriptSoGetExecution")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScriptSoApi.Workflows + "/{workflowId}/executions/{executionId}")] HttpRequest request,
        string workflowId,
        string executionId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var workflow = await workflows.FindAsync(call.Caller.AccountId, workflowId, call.Cancellation);
            var run = workflow.Failure is null ? await reader.FindAsync(client, call.Caller, executionId, call.Cancellation) : workflow.Failure;
            if ((workflow.Failure ?? run.Failure) is { } missing)
            {
                return missing;
            }

            // An execution is found under its own workflow only.
            if (run.Value.WorkflowId != workflow.Value.Id)
            {
                return Failure.NotFound("Run", executionId);
            }

            var url = files.LinkFor(run.Value) is { } link ? ResultFileLinks.Url(request, link) : null;
            return ApiResponse.Ok(ScriptSoMapper.Execution(run.Value, ScriptSoMapper.WorkflowId(workflow.Value), url));
        }, client);

    private static string ExecutionPath(string workflowId, string runId) =>
        ScriptSoDialect.Instance.Path($"workflows/{ScriptSoMapper.WorkflowId(workflowId)}/executions/{runId}");
}
