using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// Reference 004's workflows: list them (cursor pages, newest first) and read one with the JSON Schema of its input.
/// Workflows are named by UUID. Both need the <c>read</c> scope.
/// </summary>
public sealed class ScriptSoWorkflowEndpoints(ScriptSoApi api, WorkflowReader reader)
{
    /// <summary>A page's size when <c>limit</c> is not given (the document names only the maximum, 100).</summary>
    public const int DefaultLimit = 20;

    [Function("ScriptSoListWorkflows")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScriptSoApi.Workflows)] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var limit = call.Query.Number("limit", 1, call.Options.MaxPageSize) ?? DefaultLimit;
            var cursor = call.Query.Text("cursor", ScriptSoCursor.MaxLength);
            var query = call.Query.Failure ?? ScriptSoCursor.Apply(new WorkflowListQuery { Limit = limit }, cursor);
            if (query.Failure is { } invalid)
            {
                return invalid;
            }

            return ApiResponse.Ok(ScriptSoMapper.Page(await reader.ListAsync(call.Caller.AccountId, query.Value, call.Cancellation)));
        });

    [Function("ScriptSoGetWorkflow")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScriptSoApi.Workflows + "/{workflowId}")] HttpRequest request, string workflowId) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await reader.LoadAsync(call.Caller.AccountId, workflowId, null, call.Cancellation))
                .Map(loaded => ApiResponse.Ok(ScriptSoMapper.Workflow(loaded))));
}
