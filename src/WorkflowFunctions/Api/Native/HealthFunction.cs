using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// <c>GET /api/health</c>: the only endpoint that needs no API key. Reports whether storage answers (a point
/// read of a row that never exists); 503 when it does not, so load balancers and probes can act on it.
/// </summary>
public sealed class HealthFunction(StorageTables storage)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    [Function("Health")]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await storage.ProbeAsync(timeout.Token);
            return ApiResponses.Ok(new { status = "ok", storage = new { backend = storage.Backend, reachable = true } });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason stays in the logs of the storage SDK; the probe answer names only the backend.
            return ApiResponses.Ok(new { status = "unhealthy", storage = new { backend = storage.Backend, reachable = false } }, 503);
        }
    }
}
