using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// The document's internal callback from its execution service to its backend. Runs here report their own progress,
/// so the callback changes nothing: it is refused (403) unless <see cref="ScriptRunOptions.ServiceKey"/> is set and
/// presented in <c>X-Service-Api-Key</c>, and then only acknowledged. It takes no API key.
/// </summary>
public sealed class ScriptRunCallbackEndpoint(IOptions<ScriptRunOptions> options)
{
    public const string ServiceKeyHeader = "X-Service-Api-Key";

    [Function("ScriptRunExecutionUpdate")]
    public IActionResult ExecutionUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compat/scriptrun/api/v1/workflows/execution-update/{runId}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = Allows(options.Value.ServiceKey, request.Headers[ServiceKeyHeader].ToString())
            ? new Outcome<ApiResponse>(new ApiResponse(201, new ExecutionUpdateView("created", new ExecutionUpdateDetail("ok"))))
            : Failure.Forbidden("You do not have permission to perform this action.");
        return ApiEndpoint.Write(request, ScriptRunDialect.Instance, outcome);
    }

    private static bool Allows(string? expected, string presented) =>
        !string.IsNullOrWhiteSpace(expected) && presented.Length > 0
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
