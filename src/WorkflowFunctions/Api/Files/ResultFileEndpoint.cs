using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Api.Files;

/// <summary>
/// Downloads a run's result file by a signed link (<see cref="ResultFileLinks"/>), without an API key: the link's
/// signature and expiry are checked before anything is read, and a link that does not hold is refused (403).
/// </summary>
public sealed class ResultFileEndpoint(ResultFiles files)
{
    [Function("DownloadResultFile")]
    public async Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "results/{runId}/result.json")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (expires, signature) = (request.Query["expires"].ToString(), request.Query["signature"].ToString());
        var opened = await files.OpenAsync(client, runId, expires, signature, request.HttpContext.RequestAborted);
        return ApiEndpoint.Write(request, ResultFileDialect.Instance, opened.Map(File));
    }

    private static ApiResponse File(RunSnapshot run) => ApiResponse.Ok(ResultFileView.From(run)) with
    {
        Headers = new Dictionary<string, string>
        {
            ["Content-Disposition"] = $"attachment; filename=\"{ResultFileLinks.FileName}\"",
            ["Cache-Control"] = "private, no-store",
        },
    };
}
