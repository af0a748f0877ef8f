using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// One HTTP API the service answers: the native API (dialect zero) or one of the reference APIs. A dialect says
/// where its routes live (<see cref="BasePath"/>), which headers carry the API key and what else must match
/// (<see cref="KeyHeaders"/>, <see cref="AccountHeader"/>), how its JSON is named (<see cref="Json"/>) and how it
/// answers a failure (<see cref="Render"/>). Everything else (commands, readers, limits) is shared.
/// </summary>
public abstract class Dialect
{
    /// <summary>A short name for logs and docs (<c>native</c>, <c>scriptrun</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>The routes' prefix below <c>/api/</c>: <c>v1</c> for the native API, <c>compat/&lt;name&gt;</c> for the others.</summary>
    public abstract string BasePath { get; }

    /// <summary>Where the API key may come from, first match wins.</summary>
    public abstract IReadOnlyList<KeyHeader> KeyHeaders { get; }

    /// <summary>A header naming the account, which must be the key's own account; null when the API sends none.</summary>
    public virtual string? AccountHeader => null;

    /// <summary>The 401 message when no key was sent: it names the headers this API reads.</summary>
    public abstract string MissingKeyMessage { get; }

    /// <summary>The API's JSON settings: naming, null handling, timestamp format.</summary>
    public abstract JsonSerializerOptions Json { get; }

    /// <summary>The API's answer to a failure: status code, error body and headers such as <c>Retry-After</c>.</summary>
    public abstract ApiResponse Render(Failure failure);

    /// <summary>
    /// The plain HTTP status of a failure, with <paramref name="contentProblem"/> for every problem of a request's
    /// content (malformed, invalid definition or input, a reused idempotency key): what an API uses for what its
    /// document does not name.
    /// </summary>
    public static int HttpStatus(FailureKind kind, int contentProblem = 400) => kind switch
    {
        FailureKind.BadRequest or FailureKind.InvalidDefinition or FailureKind.InvalidInput or FailureKind.IdempotencyKeyReused => contentProblem,
        FailureKind.Unauthorized => 401,
        FailureKind.Forbidden => 403,
        FailureKind.NotFound => 404,
        FailureKind.Conflict => 409,
        FailureKind.PreconditionFailed => 412,
        FailureKind.TooLarge => 413,
        FailureKind.UnsupportedMediaType => 415,
        FailureKind.RateLimited => 429,
        FailureKind.Unavailable => 503,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure kind."),
    };

    /// <summary>The response with <c>Retry-After</c> (whole seconds, at least 1) when the failure says when to retry.</summary>
    public static ApiResponse WithRetryAfter(ApiResponse response, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.RetryAfter is not { } retryAfter)
        {
            return response;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return response with { Headers = new Dictionary<string, string>(response.Headers ?? new Dictionary<string, string>()) { ["Retry-After"] = seconds } };
    }

    /// <summary>An absolute path of this API (<c>/api/{BasePath}/{path}</c>), for links and <c>Location</c> headers.</summary>
    public string Path(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return "/api/" + BasePath + "/" + path.TrimStart('/');
    }

    /// <summary>The credentials the request presents under this API's rules.</summary>
    public Credentials ReadCredentials(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyHeaders.Select(h => h.Read(request)).FirstOrDefault(k => !string.IsNullOrEmpty(k));

        // An API that names the account must name it: a missing header is a mismatch, not a pass.
        var account = AccountHeader is { } header ? request.Headers[header].ToString().Trim() : null;
        return new Credentials(key, account);
    }
}
