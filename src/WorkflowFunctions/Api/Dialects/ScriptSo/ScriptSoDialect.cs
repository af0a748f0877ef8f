using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptSo.Contracts;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// Reference 004, Script.so (<c>/api/compat/scriptso</c> stands for <c>https://script.so/api/v1</c>): the key in
/// <c>x-api-key</c>, snake_case JSON with <c>...Z</c> timestamps, and every failure as <c>{"error": "..."}</c> with the
/// document's codes: 400 for anything wrong with a request (never 422), 401, 404, 429 with <c>Retry-After</c>.
/// </summary>
public sealed class ScriptSoDialect : Dialect
{
    public static ScriptSoDialect Instance { get; } = new();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // The document writes "cursor": null on the last page; optional members opt out one by one.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimestampConverter() },
    };

    public override string Name => "scriptso";

    public override string BasePath => "compat/scriptso";

    public override IReadOnlyList<KeyHeader> KeyHeaders { get; } = [new KeyHeader("x-api-key")];

    public override string MissingKeyMessage => "Missing API key: send it in the x-api-key header.";

    public override JsonSerializerOptions Json => JsonOptions;

    public override ApiResponse Render(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var body = new ErrorView(Message(failure)) { Details = Details(failure) };
        var response = new ApiResponse(StatusOf(failure.Kind), body);
        return WithRetryAfter(response, failure);
    }

    /// <summary>
    /// The status code of a failure in this API: the document's table (400, 401, 404, 429) for everything it names, and
    /// the plain HTTP code for what it does not (a key without the scope, a state conflict, a body over 4 MB or not JSON).
    /// </summary>
    public static int StatusOf(FailureKind kind) => kind == FailureKind.PreconditionFailed ? 400 : HttpStatus(kind);

    // The document's own wording for what is not found ("Workflow not found"); anything else says what it is.
    private static string Message(Failure failure) => failure switch
    {
        { Kind: FailureKind.NotFound, Subject: "Workflow" } => "Workflow not found",
        { Kind: FailureKind.NotFound, Subject: "Run" } => "Execution not found",
        _ => failure.Message,
    };

    // Every problem of an input or graph, each as a readable line; null when the message says it all.
    private static List<string>? Details(Failure failure)
    {
        var lines = failure.Kind switch
        {
            FailureKind.InvalidInput => failure.InputIssues.Select(i => i.Index is { } index ? $"items[{index}]: {i.Message}" : i.Message).ToList(),
            FailureKind.InvalidDefinition => failure.Findings.Where(f => f.Severity == Engine.Validation.FindingSeverity.Error).Select(f => f.Message).ToList(),
            _ => [],
        };
        return lines.Count > 0 ? lines : null;
    }

}
