using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Native;

/// <summary>The endpoint helper bound to the native dialect.</summary>
public sealed class NativeApi(ApiEndpoint endpoint)
{
    public Task<IActionResult> HandleAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ApiResponse>>> handler, DurableTaskClient? client = null) =>
        endpoint.HandleAsync(request, NativeDialect.Instance, scope, handler, client);

    public Task<IActionResult> StreamAsync(
        HttpRequest request, string scope, Func<ApiCall, Task<Outcome<ServerSentEvents>>> handler, DurableTaskClient? client = null) =>
        endpoint.StreamAsync(request, NativeDialect.Instance, scope, handler, client);
}
