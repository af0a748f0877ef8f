using System.Globalization;
using System.Text.Json;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// The body of <c>POST /workflows/</c> (<c>project</c> integer, <c>title</c>, <c>data</c> object: all required) and
/// <c>PATCH /workflows/{id}/</c> (each optional), checked the way DRF's serializer fields check them: every problem
/// is a field error with DRF's message. <c>data</c> may be any object, <c>{}</c> included: a graph with errors is
/// saved as a draft. Other members are ignored.
/// </summary>
public sealed record ScriptRunWorkflowBody(string? Title, string? Project, string? Data)
{
    public const int MaxTitle = 200;

    private const string Required = "This field is required.";
    private const string NotNull = "This field may not be null.";

    public static Outcome<ScriptRunWorkflowBody> Read(JsonElement? json, bool partial)
    {
        if (json is { } value && value.ValueKind != JsonValueKind.Object)
        {
            return Failure.BadRequest(
                "The body must be a JSON object.", new FieldError("non_field_errors", $"Invalid data. Expected a dictionary, but got {PythonType(value)}."));
        }

        var errors = new List<FieldError>();
        var body = json ?? default;
        var project = Read(body, "project", partial, errors, ReadProject);
        var title = Read(body, "title", partial, errors, ReadTitle);
        var data = Read(body, "data", partial, errors, ReadGraph);
        return errors.Count > 0
            ? Failure.BadRequest($"The body has {errors.Count} problem(s); the first: '{errors[0].Field}': {errors[0].Message}", errors)
            : new ScriptRunWorkflowBody(title, project, data);
    }

    private static string? Read(JsonElement body, string name, bool partial, List<FieldError> errors, Func<JsonElement, (string? Value, string? Error)> read)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value))
        {
            if (!partial)
            {
                errors.Add(new FieldError(name, Required));
            }

            return null;
        }

        var (result, error) = value.ValueKind == JsonValueKind.Null ? (null, NotNull) : read(value);
        if (error is not null)
        {
            errors.Add(new FieldError(name, error));
        }

        return result;
    }

    // DRF's IntegerField: an integral number, or a string of one; kept as its decimal text like the native project.
    private static (string?, string?) ReadProject(JsonElement value)
    {
        var number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number when value.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
            JsonValueKind.String when long.TryParse(value.GetString()?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) => s,
            _ => (long?)null,
        };
        return number is { } project ? (project.ToString(CultureInfo.InvariantCulture), null) : (null, "A valid integer is required.");
    }

    // Any object, {} included (a draft); kept as compact JSON text so formatting alone makes no new version.
    private static (string?, string?) ReadGraph(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? (JsonSerializer.Serialize(value), null) : (null, "Expected a JSON object.");

    private static (string?, string?) ReadTitle(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, "Not a valid string.");
        }

        var title = value.GetString()!.Trim();
        return title.Length == 0 ? (null, "This field may not be blank.")
            : title.Length > MaxTitle ? (null, $"Ensure this field has no more than {MaxTitle} characters.")
            : (title, null);
    }

    private static string PythonType(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };
}
