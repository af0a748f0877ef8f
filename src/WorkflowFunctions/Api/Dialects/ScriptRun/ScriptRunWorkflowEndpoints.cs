using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// Reference 003's workflows: create, list (DRF pages), read, PATCH, DELETE, the trigger's input fields as saved,
/// the validation result and the node catalog. Workflow ids are the integer aliases. Writes need the <c>admin</c>
/// scope, reads <c>read</c>. Every path ends with <c>/</c> in the document; both forms match.
/// </summary>
public sealed class ScriptRunWorkflowEndpoints(ScriptRunApi api, WorkflowCommands commands, WorkflowReader reader)
{
    [Function("ScriptRunCreateWorkflow")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compat/scriptrun/api/v1/workflows")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var json = await call.ReadJsonAsync();
            var body = json.Failure ?? ScriptRunWorkflowBody.Read(json.Value, partial: false);
            return await body.ThenAsync(async b => (await commands.CreateAsync(call.Caller, b.Title!, b.Project, null, b.Data!, call.Cancellation))
                .Map(created => new ApiResponse(201, ScriptRunMapper.Workflow(created))));
        });

    [Function("ScriptRunListWorkflows")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var project = call.Query.Text("project", 30);
            var title = call.Query.Text("title", ScriptRunWorkflowBody.MaxTitle);
            var number = project is null ? null : ScriptRunMapper.ProjectNumber(project);
            if (call.Query.Failure is { } invalid)
            {
                return invalid;
            }

            if (project is not null && number is null)
            {
                return Failure.BadRequest("'project' must be a whole number.", new FieldError("project", "Enter a whole number."));
            }

            if (ScriptRunPaging.Read(request.Query["page"], request.Query["page_size"]) is not (int page, var size))
            {
                return ScriptRunMapper.InvalidPage;
            }

            // Projects are stored as decimal text, so "0307" finds project 307.
            var filters = new WorkflowListQuery { Project = number?.ToString(CultureInfo.InvariantCulture), TitleContains = title };
            var found = await reader.ListNumberedAsync(call.Caller.AccountId, filters, page, size, call.Cancellation);
            return ScriptRunMapper.Page(found, ScriptRunMapper.Summary, new Uri(request.GetEncodedUrl()), page, size);
        });

    [Function("ScriptRunGetWorkflow")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows/{id:int}")] HttpRequest request, int id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(ScriptRunMapper.Workflow(loaded))));

    [Function("ScriptRunUpdateWorkflow")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "compat/scriptrun/api/v1/workflows/{id:int}")] HttpRequest request, int id) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var json = await call.ReadJsonAsync();
            var body = json.Failure ?? ScriptRunWorkflowBody.Read(json.Value, partial: true);
            return await body.ThenAsync(async b =>
            {
                var changes = new WorkflowChanges { Title = b.Title, Project = b.Project, Definition = b.Data };
                var updated = await commands.UpdateAsync(call.Caller, Alias(id), changes, call.Cancellation);
                return updated.Map(loaded => ApiResponse.Ok(ScriptRunMapper.Workflow(loaded)));
            });
        });

    [Function("ScriptRunDeleteWorkflow")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "compat/scriptrun/api/v1/workflows/{id:int}")] HttpRequest request, int id) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
            (await commands.DeleteAsync(call.Caller, Alias(id), null, call.Cancellation)).Map(_ => ApiResponse.NoContent));

    [Function("ScriptRunGetInputFields")]
    public Task<IActionResult> InputFields(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows/{id:int}/input-fields")] HttpRequest request, int id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(loaded.Prepared.RawInputFields())));

    [Function("ScriptRunCheckWorkflow")]
    public Task<IActionResult> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows/{id:int}/check_workflow")] HttpRequest request, int id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(ScriptRunMapper.Check(loaded))));

    [Function("ScriptRunGetNodes")]
    public Task<IActionResult> Nodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows/get_nodes")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, call =>
            Task.FromResult<Outcome<ApiResponse>>(ApiResponse.Ok(NodeCatalog.Default.All.Select(ScriptRunMapper.NodeType).ToList())));

    private static string Alias(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<Outcome<LoadedWorkflow>> LoadAsync(ApiCall call, int id) => reader.LoadAsync(call.Caller.AccountId, Alias(id), null, call.Cancellation);
}
