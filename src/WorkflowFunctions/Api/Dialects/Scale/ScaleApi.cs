using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>The endpoint helper bound to the Scale dialect.</summary>
public sealed class ScaleApi(ApiEndpoint endpoint)
{
    /// <summary>The routes' prefix: the document's <c>https://&lt;host&gt;/corp-api/compass/api/v1</c> below our base path.</summary>
    public const string V1 = "compat/scale/v1";

    public Task<IActionResult> HandleAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ApiResponse>>> handler, DurableTaskClient? client = null) =>
        endpoint.HandleAsync(request, ScaleDialect.Instance, scope, handler, client);
}
