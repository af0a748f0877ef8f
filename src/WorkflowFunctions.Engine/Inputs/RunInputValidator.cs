using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>
/// Validates a run's input against the trigger's fields and normalizes it. Rules (docs/validation-and-inputs.md):
/// absent, null or (except for json fields) empty-string fields take their default, else must not be required; <c>number</c> accepts JSON
/// numbers and invariant-culture numeric strings (coerced to numbers); <c>boolean</c> accepts true/false and
/// the strings "true"/"false"; <c>text</c> accepts strings, and numbers/booleans (coerced to their text);
/// <c>select</c> must be one of the options; <c>json</c> accepts any value. Extra fields are kept. A run input is an
/// object or an array (reference 003 runs arrays too, <c>{{ input[0] }}</c>): an array is accepted as it is when no
/// field is required; a string, number or boolean is never an input (text goes as <c>text/plain</c>, which becomes
/// <c>{"__raw_input__": ...}</c>); <c>null</c> is no input, validated as <c>{}</c>.
/// </summary>
public static class RunInputValidator
{
    public static InputValidationResult Validate(IReadOnlyList<InputField> fields, JsonNode? input)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = new List<InputProblem>();
        if (input is not JsonObject source)
        {
            if (input is null && fields.Count > 0)
            {
                return Validate(fields, new JsonObject());
            }

            if (input is JsonValue scalar)
            {
                problems.Add(new InputProblem(
                    string.Empty,
                    FindingCodes.InputNotObject,
                    $"The run input must be a JSON object or array (send text as text/plain); found {Kind(scalar)}.",
                    "$"));
                return new InputValidationResult(scalar.DeepClone(), problems);
            }

            foreach (var field in fields.Where(f => f.Required && f.DefaultValue is null))
            {
                problems.Add(new InputProblem(
                    field.Id,
                    FindingCodes.InputNotObject,
                    $"The input must be a JSON object with field '{field.Id}'; found {Kind(input)}.",
                    "$"));
            }

            return new InputValidationResult(input?.DeepClone(), problems);
        }

        var normalized = (JsonObject)source.DeepClone();
        foreach (var field in fields)
        {
            var path = "$." + field.Id;
            var value = normalized[field.Id];

            // Forms send "" for a field left empty; only a json field can mean the empty string itself.
            var absent = value is null || (field.Type != InputFieldType.Json && InputFields.IsEmpty(value));
            if (absent && field.DefaultValue is not null)
            {
                value = field.DefaultValue.DeepClone();
                absent = false;
            }

            if (absent || value is null)
            {
                if (field.Required)
                {
                    problems.Add(new InputProblem(field.Id, FindingCodes.InputRequired, $"Input field '{field.Id}' is required.", path));
                }

                continue;
            }

            if (TryCoerce(field, value, out var coerced, out var problem))
            {
                normalized[field.Id] = coerced;
            }
            else
            {
                problems.Add(new InputProblem(field.Id, problem!.Value.Code, problem.Value.Message, path));
            }
        }

        return new InputValidationResult(normalized, problems);
    }

    private static bool TryCoerce(InputField field, JsonNode value, out JsonNode? coerced, out (string Code, string Message)? problem)
    {
        problem = null;
        coerced = value;
        var kind = value.GetValueKind();
        switch (field.Type)
        {
            case InputFieldType.Json:
                coerced = value.DeepClone();
                return true;
            case InputFieldType.Text:
                if (kind == JsonValueKind.String)
                {
                    coerced = value.DeepClone();
                    return true;
                }

                if (kind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    coerced = JsonValue.Create(kind == JsonValueKind.Number ? value.ToJsonString() : kind == JsonValueKind.True ? "true" : "false");
                    return true;
                }

                problem = (FindingCodes.InputWrongType, $"Input field '{field.Id}' must be text, found {Kind(value)}.");
                return false;
            case InputFieldType.Number:
                // Invariant culture only: "1,5" is refused rather than read as 15 or 1.5 depending on the server.
                if (kind == JsonValueKind.Number)
                {
                    coerced = value.DeepClone();
                    return true;
                }

                if (kind == JsonValueKind.String
                    && decimal.TryParse(value.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    coerced = JsonValue.Create(number);
                    return true;
                }

                problem = (FindingCodes.InputWrongType, $"Input field '{field.Id}' must be a number, found {Kind(value)}.");
                return false;
            case InputFieldType.Boolean:
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    coerced = value.DeepClone();
                    return true;
                }

                if (kind == JsonValueKind.String && value.GetValue<string>().Trim() is "true" or "false")
                {
                    coerced = JsonValue.Create(value.GetValue<string>().Trim() == "true");
                    return true;
                }

                problem = (FindingCodes.InputWrongType, $"Input field '{field.Id}' must be a boolean (true or false), found {Kind(value)}.");
                return false;
            case InputFieldType.Select:
                var text = kind switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                    _ => null,
                };
                if (text is not null && field.Options.Contains(text, StringComparer.Ordinal))
                {
                    coerced = JsonValue.Create(text);
                    return true;
                }

                problem = (
                    FindingCodes.InputNotInOptions,
                    $"Input field '{field.Id}' must be one of: {string.Join(", ", field.Options)}; found {value.ToJsonString()}.");
                return false;
            default:
                return true;
        }
    }

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
    };
}
