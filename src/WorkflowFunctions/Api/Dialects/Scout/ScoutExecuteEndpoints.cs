using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// Reference 002's two executes: a config sent with the request (<c>POST /v2/workflows/execute</c>, not streamed unless
/// asked) and a saved workflow (<c>POST /v2/workflows/{id}/execute</c>, the menu's STREAM, streamed unless asked not
/// to). Both need the <c>run</c> scope.
/// </summary>
public sealed class ScoutExecuteEndpoints(ScoutApi api, RunCommands commands, WorkflowReader workflows, ScoutRunner runner)
{
    [Function("ScoutExecuteWithConfig")]
    public Task<IActionResult> ExecuteConfig(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScoutApi.Workflows + "/execute")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.AnswerAsync(request, ApiKeyScopes.Run, async call =>
        {
            var query = ScoutExecuteQuery.Read(request.Query);
            var body = ScoutExecuteBody.Read(await call.ReadJsonAsync(), withConfig: true, streamingByDefault: false);
            if (Problems(body.Failure, query.Failure) is { } invalid)
            {
                return invalid;
            }

            var (b, q) = (body.Value, query.Value);
            var config = b.Config!.Value;
            var execution = new ScoutExecution(
                call.Caller.AccountId,
                call.Caller.KeyId,
                b.WorkflowKey ?? ScoutExecution.InlineWorkflowId,
                q.Environment,
                q.SessionId,
                b.Inputs ?? new JsonObject(),
                JsonNode.Parse(config.GetRawText()) ?? new JsonObject(),
                q.RevisionId,
                ScoutConfig.IsEmpty(config));
            var started = await commands.StartAdHocAsync(
                client, call.Caller, ScoutConfig.Definition(config), b.Inputs, null, execution.Tags(b.WorkflowKey), call.Cancellation);
            return await runner.AnswerAsync(call, client, started, _ => execution, b.Streaming);
        }, client);

    [Function("ScoutExecuteWorkflow")]
    public Task<IActionResult> ExecuteSaved(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScoutApi.Workflows + "/{workflowId}/execute")] HttpRequest request,
        string workflowId,
        [DurableClient] DurableTaskClient client) =>
        api.AnswerAsync(request, ApiKeyScopes.Run, async call =>
        {
            var query = ScoutExecuteQuery.Read(request.Query);
            var body = ScoutExecuteBody.Read(await call.ReadJsonAsync(), withConfig: false, streamingByDefault: true);
            var version = query.Succeeded ? ScoutExecuteQuery.Version(query.Value.RevisionId) : default;
            if (Problems(body.Failure, query.Failure, version.Failure) is { } invalid)
            {
                return invalid;
            }

            var (b, q) = (body.Value, query.Value);
            var execution = new ScoutExecution(
                call.Caller.AccountId,
                call.Caller.KeyId,
                workflowId,
                q.Environment,
                q.SessionId,
                b.Inputs ?? new JsonObject(),
                new JsonObject(),
                q.RevisionId,
                false);
            var started = await commands.StartSavedAsync(
                client, call.Caller, workflowId, version.Value, b.Inputs, null, execution.Tags(b.WorkflowKey), call.Cancellation);
            if (started.Failure is { } refused)
            {
                return refused;
            }

            // The revision that runs, as its config and number (the run pinned it when it started).
            var run = started.Value;
            var pinned = await workflows.LoadAsync(call.Caller.AccountId, run.WorkflowId!, run.Version, call.Cancellation);
            execution = execution with
            {
                WorkflowId = run.WorkflowId!,
                RevisionId = ScoutMapper.Revision(run.Version ?? 0),
                WorkflowConfig = pinned.Succeeded ? ScoutMapper.Config(pinned.Value) : new JsonObject(),
            };
            return await runner.AnswerAsync(call, client, started, _ => execution, b.Streaming);
        }, client);

    // Every problem of the query and the body in one 422, as FastAPI reports them; any other failure as it is.
    private static Failure? Problems(params Failure?[] failures)
    {
        var found = failures.Where(f => f is not null).Select(f => f!).ToList();
        if (found.Count == 0)
        {
            return null;
        }

        if (found.FirstOrDefault(f => f.Kind != FailureKind.BadRequest) is { } other)
        {
            return other;
        }

        var fields = found.SelectMany(f => f.FieldErrors).ToList();
        return fields.Count > 1 ? Failure.BadRequest(found[0].Message, [.. fields]) : found[0];
    }
}
