using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scale.Contracts;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>
/// Reference 000, Scale GP's Compass sessions API (<c>/api/compat/scale</c> stands for
/// <c>https://&lt;host&gt;/corp-api/compass/api</c>): the key in <c>x-scale-api-key</c> beside the account in
/// <c>x-selected-account-id</c>, camelCase JSON, and failures as <c>{"error", "status_code"}</c>, authentication's as
/// <c>{"error": "Unauthorized", "message"}</c>.
/// </summary>
public sealed class ScaleDialect : Dialect
{
    public const string WorkflowNotFound = "Workflow not found or you do not have access.";
    public const string SessionNotFound = "Session not found or you do not have access.";
    public const string AccountIdHeader = "x-selected-account-id";

    // Declared before Instance: static initializers run in order, and the instance's key headers list this one.
    public static KeyHeader ApiKeyHeader { get; } = new("x-scale-api-key");

    public static ScaleDialect Instance { get; } = new();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimestampConverter() },
    };

    public override string Name => "scale";

    public override string BasePath => "compat/scale";

    public override IReadOnlyList<KeyHeader> KeyHeaders { get; } = [ApiKeyHeader];

    public override string? AccountHeader => AccountIdHeader;

    public override string MissingKeyMessage => "Missing authentication header.";

    public override JsonSerializerOptions Json => JsonOptions;

    public override ApiResponse Render(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var status = StatusOf(failure.Kind);
        object body = failure.Kind switch
        {
            FailureKind.Unauthorized => new UnauthorizedView("Unauthorized", failure.Message),
            FailureKind.NotFound => new ErrorView(NotFoundMessage(failure), status),
            _ => new ErrorView(failure.Message, status) { Errors = Details(failure) },
        };
        var response = new ApiResponse(status, body);
        return WithRetryAfter(response, failure);
    }

    /// <summary>The status code of a failure in this API: 400 for every problem of a request's content, as the document lists.</summary>
    public static int StatusOf(FailureKind kind) => HttpStatus(kind);

    // The document's one not-found sentence per kind of thing; a run is a session here.
    private static string NotFoundMessage(Failure failure) => failure.Subject switch
    {
        "Run" => SessionNotFound,
        "Workflow" or "Workflow version" => WorkflowNotFound,
        _ => failure.Message,
    };

    // Every problem of a graph that cannot run or of the variables (the message quotes only the first); a malformed
    // request's message already names its one problem.
    private static IReadOnlyList<string>? Details(Failure failure)
    {
        IReadOnlyList<string> details = failure.Kind switch
        {
            FailureKind.InvalidDefinition => [.. failure.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Message)],
            FailureKind.InvalidInput => [.. failure.InputIssues.Select(i => i.Message)],
            _ => [],
        };
        return details.Count > 0 ? details : null;
    }

}
