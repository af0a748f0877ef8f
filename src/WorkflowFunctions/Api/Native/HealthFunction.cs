using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Api.Common;
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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await storage.ProbeAsync(timeout.Token);
            return ApiEndpoint.Write(request, NativeDialect.Instance, ApiResponse.Ok(new HealthView("ok", new StorageHealthView(storage.Backend, true))));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason stays in the logs of the storage SDK; the probe answer names only the backend.
            return ApiEndpoint.Write(
                request,
                NativeDialect.Instance,
                new ApiResponse(503, new HealthView("unhealthy", new StorageHealthView(storage.Backend, false))));
        }
    }
}

/// <summary>The health answer: overall status and whether storage answered.</summary>
public sealed record HealthView(string Status, StorageHealthView Storage);

public sealed record StorageHealthView(string Backend, bool Reachable);
