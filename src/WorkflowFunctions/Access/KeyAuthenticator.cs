using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Access;

/// <summary>
/// Turns presented credentials into a <see cref="Caller"/>: the bootstrap key (<c>Auth__BootstrapKey</c>, admin of
/// <c>Auth__BootstrapAccount</c>) or a stored key (looked up by its SHA-256 hash), then the claimed account (when
/// the API sends one), the per-key rate limit and the operation's scope. With no bootstrap key and no stored keys
/// the service refuses everything: it is closed by default. Which headers carry the key is each API's business.
/// </summary>
public sealed class KeyAuthenticator(IOptions<AuthOptions> auth, ApiKeyRepository keys, RequestRateLimiter limiter)
{
    public const string BootstrapKeyId = "bootstrap";

    /// <summary>The caller, or why it may not proceed; <paramref name="missingKey"/> is the message when no key was sent.</summary>
    public async Task<Outcome<Caller>> AuthenticateAsync(Credentials credentials, string scope, string missingKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrEmpty(credentials.Key))
        {
            return Failure.Unauthorized(missingKey);
        }

        var caller = await IdentifyAsync(credentials.Key, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            return Failure.Unauthorized("The API key is not valid.");
        }

        if (credentials.ClaimedAccount is { } claimed && !string.Equals(claimed, caller.AccountId, StringComparison.Ordinal))
        {
            return Failure.Unauthorized(
                claimed.Length == 0 ? "Missing account ID: name the account the API key belongs to." : "The account ID does not match the API key's account.");
        }

        if (limiter.TryAcquire(caller.KeyId) is { } retryAfter)
        {
            var seconds = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Failure.RateLimited(retryAfter, $"This API key exceeded its limit of requests per minute; retry after {seconds} s.");
        }

        return ApiKeyScopes.Allows(caller.Scopes, scope)
            ? caller
            : Failure.Forbidden($"This API key lacks the '{scope}' scope this endpoint needs.");
    }

    private async Task<Caller?> IdentifyAsync(string presented, CancellationToken cancellationToken)
    {
        var bootstrap = auth.Value.BootstrapKey;
        if (!string.IsNullOrEmpty(bootstrap) && FixedTimeEquals(presented, bootstrap))
        {
            return new Caller(auth.Value.BootstrapAccount, BootstrapKeyId, [ApiKeyScopes.Admin]);
        }

        if (!presented.StartsWith(ApiKeyRepository.KeyPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var key = await keys.FindBySecretAsync(presented, cancellationToken).ConfigureAwait(false);
        return key is null ? null : new Caller(key.AccountId, key.Id, key.Scopes);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
