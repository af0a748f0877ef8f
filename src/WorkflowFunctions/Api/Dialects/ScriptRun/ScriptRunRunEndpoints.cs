using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// Reference 003's runs: start one (the body's format depends on the credential), poll its result, page through a
/// workflow's history.
/// </summary>
public sealed class ScriptRunRunEndpoints(ScriptRunApi api, RunCommands commands, RunReader reader)
{
    private static readonly IReadOnlyDictionary<string, RunHistoryOrder> Orderings = new Dictionary<string, RunHistoryOrder>(StringComparer.Ordinal)
    {
        ["-created_at"] = RunHistoryOrder.NewestFirst,
        ["created_at"] = RunHistoryOrder.OldestFirst,
        ["cost"] = RunHistoryOrder.CheapestFirst,
        ["-cost"] = RunHistoryOrder.CostliestFirst,
    };

    [Function("ScriptRunStartRun")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compat/scriptrun/api/v1/workflows/{id:int}/run")] HttpRequest request,
        int id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var text = await call.ReadTextAsync();
            if (text.Failure is { } unreadable)
            {
                return unreadable;
            }

            var input = ScriptRunRunBody.Read(ScriptRunDialect.UsesApiKeyHeader(request), request.ContentType, text.Value);
            if (input.Failure is { } invalid)
            {
                return ScriptRunMapper.Refused(400, [invalid.Message]);
            }

            var alias = id.ToString(CultureInfo.InvariantCulture);
            return ScriptRunMapper.Started(await commands.StartSavedAsync(client, call.Caller, alias, null, input.Value, null, call.Cancellation));
        }, client);

    [Function("ScriptRunGetWorkflowResult")]
    public Task<IActionResult> Result(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows/workflow_result")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var id = call.Query.Text("id", 1000);
            if (call.Query.Failure is { } invalid)
            {
                return invalid;
            }

            if (id is null)
            {
                return Failure.BadRequest("The 'id' query parameter is required.", new FieldError("id", "This field is required."));
            }

            var run = await reader.FindAsync(client, call.Caller, id, call.Cancellation);
            return run.Failure is { Kind: FailureKind.NotFound } ? ScriptRunMapper.NotFoundResult(id) : run.Map(r => ApiResponse.Ok(ScriptRunMapper.Result(r)));
        }, client);

    [Function("ScriptRunListHistory")]
    public Task<IActionResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compat/scriptrun/api/v1/workflows/{id:int}/history")] HttpRequest request,
        int id,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var ordering = call.Query.Text("ordering") ?? "-created_at";
            if (call.Query.Failure is { } invalid)
            {
                return invalid;
            }

            if (!Orderings.TryGetValue(ordering, out var order))
            {
                var choice = new FieldError("ordering", $"Select a valid choice. {ordering} is not one of the available choices.");
                return Failure.BadRequest($"'ordering' must be one of {string.Join(", ", Orderings.Keys)}.", choice);
            }

            if (ScriptRunPaging.Read(request.Query["page"], request.Query["page_size"]) is not (int page, var size))
            {
                return ScriptRunMapper.InvalidPage;
            }

            var found = await reader.HistoryPageAsync(client, call.Caller, id.ToString(CultureInfo.InvariantCulture), order, page, size, call.Cancellation);
            return found.Failure is { } missing
                ? missing
                : ScriptRunMapper.Page(found.Value, run => ScriptRunMapper.HistoryItem(run, id), new Uri(request.GetEncodedUrl()), page, size);
        }, client);
}
