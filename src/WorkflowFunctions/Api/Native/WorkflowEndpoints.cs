using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Saved workflows: create, list, read, update (a changed graph makes a new immutable version), delete, versions,
/// input fields and schema, validation, and the node-type catalog. A graph with errors is saved as a draft (its
/// findings are in the answer; it cannot run until fixed). Writes need the <c>admin</c> scope, reads <c>read</c>.
/// </summary>
public sealed class WorkflowEndpoints(NativeApi api, WorkflowCommands commands, WorkflowReader reader)
{
    [Function("CreateWorkflow")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var json = await call.ReadJsonAsync();
            var body = json.Failure ?? WorkflowBody.Read(json.Value, partial: false);
            return await body.ThenAsync(async b =>
                (await commands.CreateAsync(call.Caller, b.Title!, b.Project, b.Description, b.Data!, b.MaxConcurrentRuns, call.Cancellation))
                    .Map(created => ApiResponse.Created(WorkflowView.From(created), NativeLinks.Workflow(created.Workflow.Id))));
        });

    [Function("ListWorkflows")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var list = new WorkflowListQuery
            {
                Project = call.Query.Text("project", WorkflowBody.MaxProject),
                TitleContains = call.Query.Text("title", WorkflowBody.MaxTitle),
                Limit = call.Query.Number("limit", 1, call.Options.MaxPageSize) ?? 50,
                After = call.Query.Cursor(),
            };
            if (call.Query.Failure is { } invalid)
            {
                return invalid;
            }

            var page = await reader.ListAsync(call.Caller.AccountId, list, call.Cancellation);
            return ApiResponse.Ok(new PageView<WorkflowSummaryView>(page.Items.Select(WorkflowSummaryView.From), QueryParameters.EncodeCursor(page.Next)));
        });

    [Function("GetWorkflow")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(WorkflowView.From(loaded)) with { ETag = WorkflowTags.Of(loaded.Workflow) }));

    [Function("UpdateWorkflow")]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/workflows/{id}")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var precondition = WorkflowEntityTags.IfMatch(request);
            var json = precondition.Failure is null ? await call.ReadJsonAsync() : precondition.Failure;
            var body = json.Failure ?? WorkflowBody.Read(json.Value, partial: true);
            return await body.ThenAsync(async b =>
            {
                var changes = new WorkflowChanges
                {
                    Title = b.Title,
                    Project = b.Project,
                    ClearProject = b.ProjectCleared,
                    Description = b.Description,
                    ClearDescription = b.DescriptionCleared,
                    MaxConcurrentRuns = b.MaxConcurrentRuns,
                    ClearMaxConcurrentRuns = b.MaxConcurrentRunsCleared,
                    Definition = b.Data,
                    Precondition = precondition.Value,
                };
                return (await commands.UpdateAsync(call.Caller, id, changes, call.Cancellation))
                    .Map(updated => ApiResponse.Ok(WorkflowView.From(updated)) with { ETag = WorkflowTags.Of(updated.Workflow) });
            });
        });

    [Function("DeleteWorkflow")]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/workflows/{id}")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
            await WorkflowEntityTags.IfMatch(request).ThenAsync(async precondition =>
                (await commands.DeleteAsync(call.Caller, id, precondition, call.Cancellation)).Map(_ => ApiResponse.NoContent)));

    [Function("ListWorkflowVersions")]
    public Task<IActionResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/versions")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await reader.VersionsAsync(call.Caller.AccountId, id, call.Cancellation)).Map(found => ApiResponse.Ok(
                new WorkflowVersionsView(found.Workflow.Id, found.Workflow.LatestVersion, found.Versions.Select(WorkflowVersionView.From)))));

    [Function("GetWorkflowInputFields")]
    public Task<IActionResult> InputFieldsOf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/input-fields")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call => (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(
            new InputFieldsView(loaded.Workflow.Id, loaded.Version.Version, loaded.Prepared.InputFields.Select(InputFieldView.From)))));

    [Function("GetWorkflowInputSchema")]
    public Task<IActionResult> InputSchemaOf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/input-schema")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(InputSchema.Derive(loaded.Prepared.InputFields))));

    [Function("ValidateWorkflow")]
    public Task<IActionResult> ValidateSaved(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/validate")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await LoadAsync(call, id)).Map(loaded => ApiResponse.Ok(ValidationView.From(loaded.Prepared.Report))));

    [Function("ValidateDefinition")]
    public Task<IActionResult> ValidateUnsaved([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows/validate")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var json = await call.ReadJsonAsync();
            if (json.Failure is { } unreadable)
            {
                return unreadable;
            }

            // Accepts {"data": {...}} like a save, or the graph itself.
            var graph = json.Value is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("data", out var data) ? data : json.Value;
            return graph is { ValueKind: JsonValueKind.Object } definition
                ? ApiResponse.Ok(ValidationView.From(reader.Prepare(JsonSerializer.Serialize(definition)).Report))
                : Failure.BadRequest("The body must be a workflow graph object, or {\"data\": <graph>}.");
        });

    [Function("ListNodeTypes")]
    public Task<IActionResult> NodeTypes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/node-types")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Read, call =>
            Task.FromResult<Outcome<ApiResponse>>(ApiResponse.Ok(new ItemsView<NodeTypeView>(NodeCatalog.Default.All.Select(NodeTypeView.From)))));

    /// <summary>A workflow version (<c>?version=</c>, else the latest) with its prepared definition.</summary>
    private async Task<Outcome<LoadedWorkflow>> LoadAsync(ApiCall call, string id)
    {
        var number = call.Query.Number("version", 1, int.MaxValue);
        return call.Query.Failure ?? await reader.LoadAsync(call.Caller.AccountId, id, number, call.Cancellation);
    }
}
