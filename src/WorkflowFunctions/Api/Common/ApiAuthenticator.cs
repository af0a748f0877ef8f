using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// Authenticates a request under its dialect's credential rules (which headers carry the key, which must name the
/// account) through the one <see cref="KeyAuthenticator"/> every API shares: the same keys, accounts, scopes and
/// rate limits whichever API a client speaks.
/// </summary>
public sealed class ApiAuthenticator(KeyAuthenticator keys)
{
    public Task<Outcome<Caller>> AuthenticateAsync(HttpRequest request, Dialect dialect, string scope)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dialect);
        return keys.AuthenticateAsync(dialect.ReadCredentials(request), scope, dialect.MissingKeyMessage, request.HttpContext.RequestAborted);
    }
}
