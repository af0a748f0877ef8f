using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Idempotency;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// <c>Idempotency-Key</c> on creating requests: the same key with the same request within 24 hours answers the
/// first response again without doing anything; with a different request it is a failure of its own kind; while
/// the first is still being processed, a conflict. Only successful (2xx) responses are kept, so a failed request
/// can be retried. Responses are kept as the dialect rendered them, so a replay is byte for byte the first answer.
/// </summary>
public sealed class IdempotentRequest(IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task<Outcome<ApiResponse>> RunAsync(
        HttpRequest request, Caller caller, Dialect dialect, string operation, string requestFingerprint, Func<Task<Outcome<ApiResponse>>> action)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(action);
        var key = request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await action().ConfigureAwait(false);
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            return Failure.BadRequest($"The {Header} header must be 1 to {MaxKeyLength} printable characters.");
        }

        var hash = StorageKeys.Sha256(request.Path + request.QueryString + "\n" + requestFingerprint);
        var cancellationToken = request.HttpContext.RequestAborted;
        var claim = await store.ClaimAsync(caller.AccountId, operation, key, hash, cancellationToken).ConfigureAwait(false);
        switch (claim.Decision)
        {
            case IdempotencyDecision.Replay:
                return new ApiResponse(claim.Status, null)
                {
                    RawBody = claim.Body,
                    Location = claim.Location,
                    Headers = new Dictionary<string, string> { ["Idempotent-Replayed"] = "true" },
                };
            case IdempotencyDecision.Mismatch:
                return new Failure(
                    FailureKind.IdempotencyKeyReused,
                    $"The {Header} was already used with a different request; use a new key for a new request.");
            case IdempotencyDecision.InProgress:
                return Failure.Conflict($"A request with this {Header} is still being processed; retry shortly.");
        }

        Outcome<ApiResponse> result;
        try
        {
            result = await action().ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseAsync(caller.AccountId, operation, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result.Failure is null && result.Value is { Status: >= 200 and < 300 } success)
        {
            var body = success.RawBody ?? JsonSerializer.Serialize(success.Body, success.Body?.GetType() ?? typeof(object), dialect.Json);
            await store.CompleteAsync(caller.AccountId, operation, key, hash, success.Status, body, success.Location, CancellationToken.None)
                .ConfigureAwait(false);
            return success with { RawBody = body };
        }

        await store.ReleaseAsync(caller.AccountId, operation, key, CancellationToken.None).ConfigureAwait(false);
        return result;
    }
}
