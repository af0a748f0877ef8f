using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace WorkflowFunctions.Http;

/// <summary>
/// Admits requests that carry the bootstrap API key (<c>Auth__BootstrapKey</c>) as <c>Authorization: Bearer</c>
/// or <c>x-api-key</c>. With no key configured every request is refused: the service is closed by default.
/// </summary>
public sealed class ApiKeyGuard(IOptions<AuthOptions> options)
{
    /// <summary>Returns a 401 problem when the request is not authorized, else null (and the caller's account).</summary>
    public IActionResult? Check(HttpRequest request, out string account)
    {
        ArgumentNullException.ThrowIfNull(request);
        account = options.Value.BootstrapAccount;
        var presented = Presented(request);
        if (string.IsNullOrEmpty(presented))
        {
            return ApiResponses.Problem(401, "Unauthorized", "An API key is required: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'.");
        }

        var expected = options.Value.BootstrapKey;
        if (string.IsNullOrEmpty(expected) || !FixedTimeEquals(presented, expected))
        {
            return ApiResponses.Problem(401, "Unauthorized", "The API key is not valid.");
        }

        return null;
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
