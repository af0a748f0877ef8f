using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Saved workflows: create, list, read, update (a changed graph makes a new immutable version), delete, versions,
/// input fields and schema, validation, and the node-type catalog. Writes need the <c>admin</c> scope, reads <c>read</c>.
/// </summary>
public sealed class WorkflowEndpoints(ApiAuthenticator auth, WorkflowRepository workflows, PreparedWorkflowCache definitions, IOptions<ApiOptions> options)
{
    [Function("CreateWorkflow")]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Admin);
        if (denied is not null)
        {
            return denied;
        }

        var (json, bodyError) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes);
        var (body, error) = bodyError is null ? WorkflowBody.Read(json, partial: false) : (null, bodyError);
        if (error is not null)
        {
            return error;
        }

        var prepared = definitions.Prepare(body!.Data!);
        if (Invalid(prepared) is { } invalid)
        {
            return invalid;
        }

        var created = await workflows.CreateAsync(caller!.AccountId, body.Title!, body.Project, body.Description, body.Data!, cancellationToken);
        var version = await workflows.GetVersionAsync(caller.AccountId, created, null, cancellationToken);
        request.HttpContext.Response.Headers.Location = $"/api/v1/workflows/{created.Id}";
        return ApiResponses.Ok(WorkflowViews.Full(created, version!, prepared.Report.Warnings.Select(FindingView.From)), 201);
    }

    [Function("ListWorkflows")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var query = new QueryParameters(request);
        var list = new WorkflowListQuery
        {
            Project = query.Text("project", WorkflowBody.MaxProject),
            TitleContains = query.Text("title", WorkflowBody.MaxTitle),
            Limit = query.Number("limit", 1, options.Value.MaxPageSize) ?? 50,
            After = query.Cursor(),
        };
        if (query.Error is { } invalid)
        {
            return invalid;
        }

        var page = await workflows.ListAsync(caller!.AccountId, list, cancellationToken);
        return ApiResponses.Ok(new { items = page.Items.Select(WorkflowViews.Summary), next_cursor = QueryParameters.EncodeCursor(page.Next) });
    }

    [Function("GetWorkflow")]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (loaded, error) = await LoadAsync(request, id, ApiKeyScopes.Read, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        WorkflowEntityTags.Set(request, loaded!.Workflow);
        return ApiResponses.Ok(WorkflowViews.Full(loaded.Workflow, loaded.Version, loaded.Prepared.Report.Warnings.Select(FindingView.From)));
    }

    [Function("UpdateWorkflow")]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/workflows/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Admin);
        if (denied is not null)
        {
            return denied;
        }

        var (precondition, preconditionError) = WorkflowEntityTags.IfMatch(request);
        if (preconditionError is not null)
        {
            return preconditionError;
        }

        var (json, bodyError) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes);
        var (body, error) = bodyError is null ? WorkflowBody.Read(json, partial: true) : (null, bodyError);
        if (error is not null)
        {
            return error;
        }

        IEnumerable<object>? warnings = null;
        if (body!.Data is { } data)
        {
            var prepared = definitions.Prepare(data);
            if (Invalid(prepared) is { } invalid)
            {
                return invalid;
            }

            warnings = prepared.Report.Warnings.Select(FindingView.From);
        }

        var changes = new WorkflowChanges
        {
            Title = body.Title,
            Project = body.Project,
            ClearProject = body.ProjectCleared,
            Description = body.Description,
            ClearDescription = body.DescriptionCleared,
            Definition = body.Data,
            Precondition = precondition,
        };
        WorkflowRecord? updated;
        try
        {
            updated = await workflows.UpdateAsync(caller!.AccountId, id, changes, cancellationToken);
        }
        catch (WorkflowPreconditionFailedException failed)
        {
            return WorkflowEntityTags.Failed(request, failed);
        }

        if (updated is null)
        {
            return ApiErrors.NotFound("Workflow", id);
        }

        var version = await workflows.GetVersionAsync(caller.AccountId, updated, null, cancellationToken);
        WorkflowEntityTags.Set(request, updated);
        return ApiResponses.Ok(WorkflowViews.Full(updated, version!, warnings));
    }

    [Function("DeleteWorkflow")]
    public async Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/workflows/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Admin);
        if (denied is not null)
        {
            return denied;
        }

        var (precondition, preconditionError) = WorkflowEntityTags.IfMatch(request);
        if (preconditionError is not null)
        {
            return preconditionError;
        }

        try
        {
            return await workflows.DeleteAsync(caller!.AccountId, id, cancellationToken, precondition) ? new NoContentResult() : ApiErrors.NotFound("Workflow", id);
        }
        catch (WorkflowPreconditionFailedException failed)
        {
            return WorkflowEntityTags.Failed(request, failed);
        }
    }

    [Function("ListWorkflowVersions")]
    public async Task<IActionResult> Versions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/versions")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var workflow = await workflows.FindAsync(caller!.AccountId, id, cancellationToken);
        if (workflow is null)
        {
            return ApiErrors.NotFound("Workflow", id);
        }

        var versions = await workflows.ListVersionsAsync(caller.AccountId, workflow.Id, cancellationToken);
        return ApiResponses.Ok(new { workflow_id = workflow.Id, latest_version = workflow.LatestVersion, items = versions.Select(WorkflowViews.Version) });
    }

    [Function("GetWorkflowInputFields")]
    public async Task<IActionResult> InputFieldsOf([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/input-fields")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (loaded, error) = await LoadAsync(request, id, ApiKeyScopes.Read, cancellationToken);
        return error ?? ApiResponses.Ok(new { workflow_id = loaded!.Workflow.Id, version = loaded.Version.Version, fields = loaded.Prepared.InputFields.Select(WorkflowViews.Field) });
    }

    [Function("GetWorkflowInputSchema")]
    public async Task<IActionResult> InputSchemaOf([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/input-schema")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (loaded, error) = await LoadAsync(request, id, ApiKeyScopes.Read, cancellationToken);
        return error ?? ApiResponses.Ok(InputSchema.Derive(loaded!.Prepared.InputFields));
    }

    [Function("ValidateWorkflow")]
    public async Task<IActionResult> ValidateSaved([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/workflows/{id}/validate")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (loaded, error) = await LoadAsync(request, id, ApiKeyScopes.Read, cancellationToken);
        return error ?? ApiResponses.Ok(Validation(loaded!.Prepared));
    }

    [Function("ValidateDefinition")]
    public async Task<IActionResult> ValidateUnsaved([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/workflows/validate")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        if (denied is not null)
        {
            return denied;
        }

        var (json, error) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes);
        if (error is not null)
        {
            return error;
        }

        // Accepts {"data": {...}} like a save, or the graph itself.
        var graph = json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("data", out var data) ? data : json;
        if (graph is not { ValueKind: JsonValueKind.Object } definition)
        {
            return ApiErrors.BadRequest("The body must be a workflow graph object, or {\"data\": <graph>}.");
        }

        return ApiResponses.Ok(Validation(definitions.Prepare(JsonSerializer.Serialize(definition))));
    }

    [Function("ListNodeTypes")]
    public async Task<IActionResult> NodeTypes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/node-types")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Read);
        return denied ?? ApiResponses.Ok(new
        {
            items = NodeCatalog.Default.All.Select(t => new { type = t.Type, title = t.Title, description = t.Description, category = t.Category, is_pure = t.IsPure, config_schema = t.ConfigSchema }),
        });
    }

    /// <summary>A workflow version with its prepared definition, or the 400/401/403/404 to answer.</summary>
    private async Task<(LoadedWorkflow? Loaded, IActionResult? Error)> LoadAsync(HttpRequest request, string id, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, scope);
        if (denied is not null)
        {
            return (null, denied);
        }

        var query = new QueryParameters(request);
        var number = query.Number("version", 1, int.MaxValue);
        if (query.Error is { } invalid)
        {
            return (null, invalid);
        }

        var loaded = await LoadedWorkflow.LoadAsync(workflows, definitions, caller!.AccountId, id, number, cancellationToken);
        return loaded is null
            ? (null, number is null ? ApiErrors.NotFound("Workflow", id) : ApiErrors.NotFound("Workflow version", $"{id}@{number}"))
            : (loaded, null);
    }

    private static object Validation(PreparedWorkflow prepared) => new
    {
        valid = !prepared.Report.HasErrors,
        errors = prepared.Report.Errors.Select(FindingView.From),
        warnings = prepared.Report.Warnings.Select(FindingView.From),
    };

    private static ContentResult? Invalid(PreparedWorkflow prepared) =>
        prepared.Report.HasErrors
            ? ApiErrors.Unprocessable("Invalid workflow", $"The workflow has {prepared.Report.Errors.Count} error(s); the first: {prepared.Report.Errors[0].Message}", prepared.Report.Findings.Select(FindingView.From))
            : null;
}
