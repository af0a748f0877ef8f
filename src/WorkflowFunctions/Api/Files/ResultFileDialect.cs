using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Files;

/// <summary>
/// The key-less downloads of result files (<c>/api/results/...</c>): the signed link is the credential, so no header
/// carries a key. Snake_case JSON with every member written and <c>...Z</c> timestamps; a refusal is
/// <c>{"error": "..."}</c> with 403 for a link that does not hold (unsigned, changed, expired), 404 for a run that is
/// gone, 503 when the service has no signing key.
/// </summary>
public sealed class ResultFileDialect : Dialect
{
    public static ResultFileDialect Instance { get; } = new();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // A file keeps one shape: members without a value are written as null.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimestampConverter() },
    };

    public override string Name => "results";

    public override string BasePath => "results";

    public override IReadOnlyList<KeyHeader> KeyHeaders { get; } = [];

    public override string MissingKeyMessage => "Result files need no API key: use the signed URL a run's results give.";

    public override JsonSerializerOptions Json => JsonOptions;

    public override ApiResponse Render(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var status = failure.Kind switch
        {
            FailureKind.Forbidden or FailureKind.Unauthorized => 403,
            FailureKind.NotFound => 404,
            FailureKind.RateLimited => 429,
            FailureKind.Unavailable => 503,
            _ => 400,
        };
        var response = new ApiResponse(status, new ErrorView(failure.Message));
        if (failure.RetryAfter is not { } retryAfter)
        {
            return response;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return response with { Headers = new Dictionary<string, string> { ["Retry-After"] = seconds } };
    }

    /// <summary>A refusal's body.</summary>
    public sealed record ErrorView(string Error);
}
