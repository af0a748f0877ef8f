using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Http;

/// <summary>
/// Start a run of an ad-hoc definition and read its state. The saved-workflow API builds on the same
/// orchestration; these two endpoints exercise it end to end.
/// </summary>
public sealed class RunFunctions(ApiKeyGuard guard)
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    [Function("StartRun")]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (guard.Check(request, out var account) is { } denied)
        {
            return denied;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return ApiResponses.Problem(413, "Payload Too Large", $"The body exceeds {MaxBodyBytes} bytes.");
        }

        StartRunRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<StartRunRequest>(request.Body, ApiResponses.Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiResponses.Problem(400, "Bad Request", $"The body is not valid JSON: {ex.Message}");
        }

        if (body?.Definition is not { ValueKind: JsonValueKind.Object } definitionJson)
        {
            return ApiResponses.Problem(400, "Bad Request", "'definition' is required and must be a workflow definition object.");
        }

        var definition = WorkflowDefinition.Parse(definitionJson.GetRawText());
        var report = WorkflowValidator.Default.Validate(definition);
        if (report.HasErrors)
        {
            return ApiResponses.Problem(422, "Invalid workflow", $"The workflow has {report.Errors.Count} error(s); the first: {report.Errors[0].Message}", report.Findings.Select(Finding));
        }

        var input = RunInputValidator.Validate(InputFields.FromDefinition(definition), body.Input is { } i ? System.Text.Json.Nodes.JsonNode.Parse(i.GetRawText()) : null);
        if (!input.IsValid)
        {
            return ApiResponses.Problem(422, "Invalid input", $"The input has {input.Problems.Count} problem(s); the first: {input.Problems[0].Message}", input.Problems.Select(p => new { field = p.FieldId, code = p.Code, message = p.Message, path = p.Path }));
        }

        var runId = Guid.NewGuid().ToString("N");
        var run = new WorkflowRunRequest
        {
            AccountId = account,
            Definition = definitionJson,
            Input = JsonSerializer.SerializeToElement(input.Input),
            Options = new RunOptions { TimeoutSeconds = body.TimeoutSeconds },
        };
        await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, run, new StartOrchestrationOptions(runId), request.HttpContext.RequestAborted);
        var self = $"/api/v1/runs/{runId}";
        request.HttpContext.Response.Headers.Location = self;
        return ApiResponses.Ok(new { id = runId, status = "queued", links = new { self } }, 202);
    }

    [Function("GetRun")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (guard.Check(request, out var account) is { } denied)
        {
            return denied;
        }

        var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, request.HttpContext.RequestAborted);
        if (metadata is null || metadata.ReadInputAs<WorkflowRunRequest>()?.AccountId != account)
        {
            return ApiResponses.Problem(404, "Not Found", $"Run '{id}' was not found.");
        }

        return ApiResponses.Ok(RunView.From(id, metadata));
    }

    private static object Finding(ValidationFinding f) => new
    {
        code = f.Code,
        message = f.Message,
        severity = f.Severity == FindingSeverity.Error ? "error" : "warning",
        node_id = f.NodeId,
        path = f.Path,
    };
}
