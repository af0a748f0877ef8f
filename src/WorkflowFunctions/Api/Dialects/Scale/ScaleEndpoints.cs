using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scale.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>
/// Reference 000's three endpoints: start a saved workflow with variables (a session is a run), read a session's
/// state, and wait for its result (bounded by <see cref="ResponseLimits"/> on Azure).
/// </summary>
public sealed class ScaleEndpoints(ScaleApi api, RunCommands commands, RunReader reader, TimeProvider time)
{
    [Function("ScaleRunWorkflow")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ScaleApi.V1 + "/workflow/run")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Run, async call =>
        {
            var json = await call.ReadJsonAsync();
            var body = json.Failure ?? ScaleRunBody.Read(json.Value);
            return await body.ThenAsync(async b =>
                (await commands.StartSavedAsync(client, call.Caller, b.WorkflowId, null, b.Variables, null, call.Cancellation)).Map(ScaleMapper.Started));
        }, client);

    [Function("ScaleGetSession")]
    public Task<IActionResult> Session(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScaleApi.V1 + "/sessions/{sessionId}")] HttpRequest request,
        string sessionId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
            (await reader.FindWithPlanAsync(client, call.Caller, ScaleSessionIds.RunIdOf(sessionId), call.Cancellation))
                .Map(run => ApiResponse.Ok(new SessionView(ScaleMapper.SessionState(run)))), client);

    [Function("ScaleGetSessionResult")]
    public Task<IActionResult> Result(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScaleApi.V1 + "/sessions/{sessionId}/result")] HttpRequest request,
        string sessionId,
        [DurableClient] DurableTaskClient client) =>
        api.HandleAsync(request, ApiKeyScopes.Read, async call =>
        {
            var timeout = ScaleQuery.TimeoutMs(call.Query.Text("timeout", 20), call.Options.MaxResultTimeoutMs);
            if ((call.Query.Failure ?? timeout.Failure) is { } invalid)
            {
                return invalid;
            }

            var wait = call.Limits.Cap(TimeSpan.FromMilliseconds(timeout.Value));
            return (await reader.WaitWithPlanAsync(client, call.Caller, ScaleSessionIds.RunIdOf(sessionId), wait, call.Cancellation))
                .Map(run => ApiResponse.Ok(ScaleMapper.Result(run, time.GetUtcNow())));
        }, client);
}
