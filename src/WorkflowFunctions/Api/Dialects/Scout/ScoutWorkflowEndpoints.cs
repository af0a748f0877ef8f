using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scout.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// The saved workflows of reference 002's menu: list, create, get, update (PUT), delete, and create a revision (a new
/// version of the config). Workflow ids are the native ones (<c>wf_...</c>, or the integer alias); revision ids are
/// version numbers. Writes need the <c>admin</c> scope, reads <c>read</c>. Answers carry their value in <c>data</c>.
/// </summary>
public sealed class ScoutWorkflowEndpoints(ScoutApi api, WorkflowCommands commands, WorkflowReader reader)
{
    public const string DefaultDisplayName = "Untitled workflow";

    [Function("ScoutListWorkflows")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScoutApi.Workflows)] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var limit = call.Query.Number("limit", 1, call.Options.MaxPageSize) ?? 50;
            var cursor = call.Query.Cursor();
            if (call.Query.Failure is { } invalid)
            {
                return Failure.BadRequest(invalid.Message, new FieldError("query", invalid.Message) { Code = "value_error" });
            }

            var page = await reader.ListAsync(call.Caller.AccountId, new WorkflowListQuery { Limit = limit, After = cursor }, call.Cancellation);
            return ApiResponse.Ok(new WorkflowPageView([.. page.Items.Select(ScoutMapper.Summary)], QueryParameters.EncodeCursor(page.Next)));
        });

    [Function("ScoutCreateWorkflow")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScoutApi.Workflows)] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var body = ScoutWorkflowBody.Read(await call.ReadJsonAsync(), configRequired: true);
            return await body.ThenAsync(async b =>
                (await commands.CreateAsync(call.Caller, b.DisplayName ?? DefaultDisplayName, null, b.Description, b.Definition!, call.Cancellation))
                    .Map(created => ApiResponse.Ok(new DataView<WorkflowView>(ScoutMapper.Workflow(created)))));
        });

    [Function("ScoutGetWorkflow")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScoutApi.Workflows + "/{workflowId}")] HttpRequest request, string workflowId) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await reader.LoadAsync(call.Caller.AccountId, workflowId, null, call.Cancellation))
                .Map(loaded => ApiResponse.Ok(new DataView<WorkflowView>(ScoutMapper.Workflow(loaded)))));

    [Function("ScoutUpdateWorkflow")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ScoutApi.Workflows + "/{workflowId}")] HttpRequest request, string workflowId) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var body = ScoutWorkflowBody.Read(await call.ReadJsonAsync(), configRequired: false);
            return await body.ThenAsync(async b =>
            {
                var changes = new WorkflowChanges { Title = b.DisplayName, Description = b.Description, Definition = b.Definition };
                return (await commands.UpdateAsync(call.Caller, workflowId, changes, call.Cancellation))
                    .Map(updated => ApiResponse.Ok(new DataView<WorkflowView>(ScoutMapper.Workflow(updated))));
            });
        });

    [Function("ScoutDeleteWorkflow")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ScoutApi.Workflows + "/{workflowId}")] HttpRequest request, string workflowId) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
            (await commands.DeleteAsync(call.Caller, workflowId, null, call.Cancellation))
                .Map(_ => ApiResponse.Ok(new DataView<DeletedView>(new DeletedView(workflowId, true)))));

    [Function("ScoutCreateRevision")]
    public Task<IActionResult> CreateRevision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScoutApi.Workflows + "/{workflowId}/revisions")] HttpRequest request, string workflowId) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var body = ScoutWorkflowBody.Read(await call.ReadJsonAsync(), configRequired: true, namesAllowed: false);
            return await body.ThenAsync(async b =>
                (await commands.UpdateAsync(call.Caller, workflowId, new WorkflowChanges { Definition = b.Definition }, call.Cancellation))
                    .Map(updated => ApiResponse.Ok(new DataView<RevisionView>(ScoutMapper.Revision(updated)))));
        });
}
