using Microsoft.AspNetCore.Http;

namespace WorkflowFunctions.Api.Common;

/// <summary>A header that carries the API key: the whole value (<c>x-api-key</c>), or after a scheme (<c>Authorization: Bearer</c>).</summary>
public sealed record KeyHeader(string Name, string? Scheme = null)
{
    public static KeyHeader Bearer { get; } = new("Authorization", "Bearer");

    /// <summary>The key in this header, trimmed; null when the header is absent, blank or has another scheme.</summary>
    public string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[Name].ToString();
        if (Scheme is null)
        {
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var prefix = Scheme + " ";
        return value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && value.Length > prefix.Length ? value[prefix.Length..].Trim() : null;
    }
}
