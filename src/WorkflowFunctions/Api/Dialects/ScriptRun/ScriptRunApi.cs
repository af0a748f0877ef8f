using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>The endpoint helper bound to the ScriptRun dialect.</summary>
public sealed class ScriptRunApi(ApiEndpoint endpoint)
{
    /// <summary>The routes' prefix: the document's <c>https://scriptrun.ai/api/v1/workflows</c> below our base path.</summary>
    public const string Workflows = "compat/scriptrun/api/v1/workflows";

    public Task<IActionResult> HandleAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ApiResponse>>> handler, DurableTaskClient? client = null) =>
        endpoint.HandleAsync(request, ScriptRunDialect.Instance, scope, handler, client);
}
