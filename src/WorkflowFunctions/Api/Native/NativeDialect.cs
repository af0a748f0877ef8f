using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// The native API (<c>/api/v1</c>), dialect zero: the key in <c>x-api-key</c> or <c>Authorization: Bearer</c>,
/// snake_case JSON, and failures as RFC 9457 problem details with an extra <c>error</c> member (the detail again,
/// which clients of the references read) and, where there are any, <c>errors[]</c>.
/// </summary>
public sealed class NativeDialect : Dialect
{
    public static NativeDialect Instance { get; } = new();

    /// <summary>The native JSON settings: snake_case names, nulls left out, quotes and apostrophes readable.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // API bodies are JSON, never HTML: quotes and apostrophes in messages stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override string Name => "native";

    public override string BasePath => "v1";

    public override IReadOnlyList<KeyHeader> KeyHeaders { get; } = [new KeyHeader("x-api-key"), KeyHeader.Bearer];

    public override string MissingKeyMessage => "An API key is required: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'.";

    public override JsonSerializerOptions Json => JsonOptions;

    public override ApiResponse Render(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (status, title) = StatusOf(failure);
        var problem = new ProblemDetails("about:blank", title, status, failure.Message, failure.Message, Errors(failure));
        var response = new ApiResponse(status, problem) { ContentType = "application/problem+json; charset=utf-8", ETag = failure.EntityTag };
        return failure.RetryAfter is { } retryAfter
            ? response with { Headers = new Dictionary<string, string> { ["Retry-After"] = Seconds(retryAfter) } }
            : response;
    }

    /// <summary>The status code and title of a failure in this API (docs/api.md, "Errors").</summary>
    public static (int Status, string Title) StatusOf(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            FailureKind.BadRequest => (400, "Bad Request"),
            FailureKind.Unauthorized => (401, "Unauthorized"),
            FailureKind.Forbidden => (403, "Forbidden"),
            FailureKind.NotFound => (404, "Not Found"),
            FailureKind.Conflict => (409, "Conflict"),
            FailureKind.PreconditionFailed => (412, "Precondition Failed"),
            FailureKind.TooLarge => (413, "Payload Too Large"),
            FailureKind.UnsupportedMediaType => (415, "Unsupported Media Type"),
            FailureKind.InvalidDefinition => (422, "Invalid workflow"),
            FailureKind.InvalidInput when failure.InputIssues.Any(i => i.Index is not null) => (422, "Invalid batch items"),
            FailureKind.InvalidInput => (422, "Invalid input"),
            FailureKind.IdempotencyKeyReused => (422, "Idempotency key reused"),
            FailureKind.RateLimited => (429, "Too Many Requests"),
            FailureKind.Unavailable => (503, "Service Unavailable"),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "Unknown failure kind."),
        };
    }

    private static object? Errors(Failure failure) =>
        failure.Findings.Count > 0 ? failure.Findings.Select(FindingView.From).ToList()
        : failure.InputIssues.Count > 0 ? failure.InputIssues.Select(i => new InputIssueView(i.Index, i.Field, i.Code, i.Message, i.Path)).ToList()
        : failure.FieldErrors.Count > 0 ? failure.FieldErrors
        : null;

    private static string Seconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>An RFC 9457 problem with the <c>error</c> member clients of the references read.</summary>
    private sealed record ProblemDetails(string Type, string Title, int Status, string Detail, string Error, object? Errors);

    /// <summary>One input problem in <c>errors[]</c>; <c>index</c> only for batch items.</summary>
    private sealed record InputIssueView(int? Index, string? Field, string Code, string Message, string Path);
}
