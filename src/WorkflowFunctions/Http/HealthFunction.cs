using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace WorkflowFunctions.Http;

/// <summary><c>GET /api/health</c>: the only endpoint that needs no API key.</summary>
public static class HealthFunction
{
    [Function("Health")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        ApiResponses.Ok(new { status = "ok" });
}
