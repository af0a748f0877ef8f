using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>The endpoint helper bound to the Scout dialect.</summary>
public sealed class ScoutApi(ApiEndpoint endpoint)
{
    /// <summary>The routes' prefix: the document's <c>https://api.scoutos.com/v2/workflows</c> below our base path.</summary>
    public const string Workflows = "compat/scout/v2/workflows";

    public Task<IActionResult> HandleAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ApiResponse>>> handler, DurableTaskClient? client = null) =>
        endpoint.HandleAsync(request, ScoutDialect.Instance, scope, handler, client);

    /// <summary>An endpoint that answers one event or streams them, as the request's <c>streaming</c> says.</summary>
    public Task<IActionResult> AnswerAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ApiAnswer>>> handler, DurableTaskClient? client = null) =>
        endpoint.AnswerAsync(request, ScoutDialect.Instance, scope, handler, client);
}
