using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>The endpoint helper bound to the Script.so dialect.</summary>
public sealed class ScriptSoApi(ApiEndpoint endpoint)
{
    /// <summary>The routes' prefix: the document's <c>https://script.so/api/v1/workflows</c> below our base path.</summary>
    public const string Workflows = "compat/scriptso/workflows";

    /// <summary>The document's execution timeout: 15 minutes (runs started here get this, or the service's default when shorter).</summary>
    public const int ExecutionTimeoutSeconds = 15 * 60;

    public Task<IActionResult> HandleAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ApiResponse>>> handler, DurableTaskClient? client = null) =>
        endpoint.HandleAsync(request, ScriptSoDialect.Instance, scope, handler, client);
}
