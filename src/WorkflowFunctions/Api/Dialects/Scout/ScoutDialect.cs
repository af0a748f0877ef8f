using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scout.Contracts;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// Reference 002, Scout's workflows API (<c>/api/compat/scout</c> stands for <c>https://api.scoutos.com</c>): the key as
/// <c>Authorization: Bearer</c>, snake_case JSON with <c>...Z</c> timestamps, and failures the way its FastAPI backend
/// answers them: a request it cannot accept is <c>422 {"detail": [{"loc", "msg", "type"}]}</c>, anything else
/// <c>{"detail": "..."}</c>.
/// </summary>
public sealed class ScoutDialect : Dialect
{
    public const string WorkflowNotFound = "Workflow not found";
    public const string RevisionNotFound = "Revision not found";

    public static ScoutDialect Instance { get; } = new();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // Documented members always have a value; the extras beyond the document are written only when they have one.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimestampConverter() },
    };

    public override string Name => "scout";

    public override string BasePath => "compat/scout";

    public override IReadOnlyList<KeyHeader> KeyHeaders { get; } = [KeyHeader.Bearer];

    public override string MissingKeyMessage => "Not authenticated";

    public override JsonSerializerOptions Json => JsonOptions;

    public override ApiResponse Render(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var status = StatusOf(failure.Kind);
        object body = status == 422 ? new ValidationErrorView(Problems(failure)) : new DetailView(Detail(failure));
        var response = new ApiResponse(status, body);
        if (failure.Kind == FailureKind.Unauthorized)
        {
            // What FastAPI's bearer security answers with.
            response = response with { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" } };
        }

        return WithRetryAfter(response, failure);
    }

    /// <summary>The status code of a failure in this API: 422 for every problem of a request's content, as FastAPI answers.</summary>
    public static int StatusOf(FailureKind kind) => HttpStatus(kind, contentProblem: 422);

    /// <summary>
    /// Each problem of a request as FastAPI lists it: where (<c>loc</c>: <c>body</c>, <c>query</c> and the member's path),
    /// what (<c>msg</c>) and its kind (<c>type</c>). A definition's findings are under <c>body.workflow_config</c>, input
    /// problems under <c>body.inputs</c>.
    /// </summary>
    public static IReadOnlyList<ProblemView> Problems(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            FailureKind.InvalidDefinition => [.. failure.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(Finding)],
            FailureKind.InvalidInput => [.. failure.InputIssues.Select(i =>
                new ProblemView(i.Field is { } field ? ["body", "inputs", field] : ["body", "inputs"], i.Message, i.Code))],
            _ when failure.FieldErrors.Count > 0 => [.. failure.FieldErrors.Select(e =>
                new ProblemView(Location(e.Field), e.Message, e.Code ?? "value_error"))],
            _ => [new ProblemView(["body"], failure.Message, "value_error")],
        };
    }

    /// <summary>A definition finding as a problem of <c>body.workflow_config</c>, at its path within the config.</summary>
    public static ProblemView Finding(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(
            finding.Path is { Length: > 0 } path && path != "$" ? ["body", "workflow_config", path] : ["body", "workflow_config"],
            finding.Message,
            finding.Code);
    }

    private static object[] Location(string field) =>
        [.. field.Split('.').Select(object (s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : s)];

    // The document's own sentence per kind of thing not found; a run is found by nothing here but its start.
    private static string Detail(Failure failure) => failure.Kind == FailureKind.NotFound
        ? failure.Subject switch
        {
            "Workflow" => WorkflowNotFound,
            "Workflow version" => RevisionNotFound,
            _ => failure.Message,
        }
        : failure.Message;
}
