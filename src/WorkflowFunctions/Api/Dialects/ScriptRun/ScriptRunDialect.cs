using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// Reference 003, ScriptRun (<c>/api/compat/scriptrun</c> stands for <c>https://scriptrun.ai</c>): the key in
/// <c>X-Api-Key</c> or <c>Authorization: Bearer</c>, snake_case JSON with nulls written and <c>...Z</c> timestamps, and
/// failures the way its Django REST framework backend answers them: <c>{"detail": "..."}</c>, or one list of messages
/// per request field. Runs and results answer in their own envelope (<see cref="ScriptRunMapper"/>).
/// </summary>
public sealed class ScriptRunDialect : Dialect
{
    public const string NotFoundDetail = "Not found.";

    // Declared before Instance: static initializers run in order, and the instance's key headers list this one.

    /// <summary>The API-key header; a run authenticated by it sends its input as the whole body.</summary>
    public static KeyHeader ApiKeyHeader { get; } = new("X-Api-Key");

    public static ScriptRunDialect Instance { get; } = new();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // DRF writes every declared field, null included (a page's "next": null); optional members opt out one by one.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimestampConverter() },
    };

    public override string Name => "scriptrun";

    public override string BasePath => "compat/scriptrun";

    public override IReadOnlyList<KeyHeader> KeyHeaders { get; } = [ApiKeyHeader, KeyHeader.Bearer];

    public override string MissingKeyMessage => "Authentication credentials were not provided.";

    public override JsonSerializerOptions Json => JsonOptions;

    /// <summary>Whether the request's key came in <c>X-Api-Key</c> (flat run body) rather than as a Bearer token (<c>input_data</c>).</summary>
    public static bool UsesApiKeyHeader(HttpRequest request) => ApiKeyHeader.Read(request) is not null;

    public override ApiResponse Render(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var status = StatusOf(failure.Kind);
        object body = failure.Kind switch
        {
            FailureKind.NotFound => new DetailView(NotFoundDetail),
            FailureKind.BadRequest when failure.FieldErrors.Count > 0 => FieldErrors(failure.FieldErrors),
            _ => new DetailView(failure.Message),
        };
        var response = new ApiResponse(status, body) { ETag = failure.EntityTag };
        return WithRetryAfter(response, failure);
    }

    /// <summary>The status code of a failure in this API: DRF's, with 400 for every problem of a request's content.</summary>
    public static int StatusOf(FailureKind kind) => HttpStatus(kind);

    // DRF's validation errors: one list of messages per field, in the order the fields were found.
    private static Dictionary<string, List<string>> FieldErrors(IReadOnlyList<FieldError> errors)
    {
        var byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            if (!byField.TryGetValue(error.Field, out var messages))
            {
                byField[error.Field] = messages = [];
            }

            messages.Add(error.Message);
        }

        return byField;
    }

}
