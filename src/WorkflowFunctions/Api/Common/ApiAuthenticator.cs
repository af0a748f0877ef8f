using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// Authenticates every API request except health: the key comes as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>x-api-key</c>, and is either the bootstrap key (<c>Auth__BootstrapKey</c>, admin of
/// <c>Auth__BootstrapAccount</c>) or a stored key (looked up by its SHA-256 hash). Then the per-key rate limit
/// (429 with <c>Retry-After</c>) and the endpoint's scope (403). With no bootstrap key and no stored keys the
/// service refuses everything: it is closed by default.
/// </summary>
public sealed class ApiAuthenticator : IDisposable
{
    public const string BootstrapKeyId = "bootstrap";
    private readonly IOptions<AuthOptions> _auth;
    private readonly ApiKeyRepository _keys;
    private readonly PartitionedRateLimiter<string> _limiter;

    public ApiAuthenticator(IOptions<AuthOptions> auth, IOptions<ApiOptions> api, ApiKeyRepository keys)
    {
        ArgumentNullException.ThrowIfNull(api);
        _auth = auth;
        _keys = keys;
        var perMinute = Math.Max(1, api.Value.RateLimitPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>The caller, or the 401/403/429 answer to send instead.</summary>
    public async Task<(Caller? Caller, IActionResult? Denied)> AuthorizeAsync(HttpRequest request, string scope)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = Presented(request);
        if (string.IsNullOrEmpty(presented))
        {
            return (null, ApiErrors.Unauthorized("An API key is required: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'."));
        }

        var caller = await IdentifyAsync(presented, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            return (null, ApiErrors.Unauthorized("The API key is not valid."));
        }

        using var lease = _limiter.AttemptAcquire(caller.KeyId);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            request.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, ApiResponses.Problem(429, "Too Many Requests", $"This API key exceeded its limit of requests per minute; retry after {retryAfter} s."));
        }

        if (!ApiKeyScopes.Allows(caller.Scopes, scope))
        {
            return (null, ApiErrors.Forbidden($"This API key lacks the '{scope}' scope this endpoint needs."));
        }

        return (caller, null);
    }

    public void Dispose() => _limiter.Dispose();

    private async Task<Caller?> IdentifyAsync(string presented, CancellationToken cancellationToken)
    {
        var bootstrap = _auth.Value.BootstrapKey;
        if (!string.IsNullOrEmpty(bootstrap) && FixedTimeEquals(presented, bootstrap))
        {
            return new Caller(_auth.Value.BootstrapAccount, BootstrapKeyId, [ApiKeyScopes.Admin]);
        }

        if (!presented.StartsWith(ApiKeyRepository.KeyPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var key = await _keys.FindBySecretAsync(presented, cancellationToken).ConfigureAwait(false);
        return key is null ? null : new Caller(key.AccountId, key.Id, key.Scopes);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue("x-api-key", out var key) && !string.IsNullOrWhiteSpace(key))
        {
            return key.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
