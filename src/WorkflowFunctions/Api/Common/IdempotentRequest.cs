using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Idempotency;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// <c>Idempotency-Key</c> on creating requests: the same key with the same request within 24 hours answers the
/// first response again without doing anything; with a different request it is a 422; while the first is still
/// being processed, a 409. Only successful (2xx) responses are kept, so a failed request can be retried.
/// </summary>
public sealed class IdempotentRequest(IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task<IActionResult> RunAsync(HttpRequest request, Caller caller, string operation, string requestFingerprint, Func<Task<IActionResult>> action)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(action);
        var key = request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await action().ConfigureAwait(false);
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            return ApiErrors.BadRequest($"The {Header} header must be 1 to {MaxKeyLength} printable characters.");
        }

        var hash = StorageKeys.Sha256(request.Path + request.QueryString + "\n" + requestFingerprint);
        var cancellationToken = request.HttpContext.RequestAborted;
        var claim = await store.ClaimAsync(caller.AccountId, operation, key, hash, cancellationToken).ConfigureAwait(false);
        switch (claim.Decision)
        {
            case IdempotencyDecision.Replay:
                if (claim.Location is not null)
                {
                    request.HttpContext.Response.Headers.Location = claim.Location;
                }

                request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                return new ContentResult { StatusCode = claim.Status, ContentType = "application/json; charset=utf-8", Content = claim.Body };
            case IdempotencyDecision.Mismatch:
                return ApiErrors.Unprocessable("Idempotency key reused", $"The {Header} was already used with a different request; use a new key for a new request.");
            case IdempotencyDecision.InProgress:
                return ApiErrors.Conflict($"A request with this {Header} is still being processed; retry shortly.");
        }

        IActionResult result;
        try
        {
            result = await action().ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseAsync(caller.AccountId, operation, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result is ContentResult { StatusCode: >= 200 and < 300 } success)
        {
            await store.CompleteAsync(caller.AccountId, operation, key, hash, success.StatusCode!.Value, success.Content ?? string.Empty, request.HttpContext.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await store.ReleaseAsync(caller.AccountId, operation, key, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }
}
