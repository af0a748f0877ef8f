using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Catalog;

/// <summary>
/// Checks a value against the subset of JSON Schema the catalog uses: <c>type</c> (one or several),
/// <c>required</c>, <c>properties</c>, <c>additionalProperties</c> (schema form), <c>items</c>, <c>enum</c>,
/// <c>minimum</c>/<c>maximum</c>, <c>minLength</c>, <c>minItems</c>. Reports every violation.
/// </summary>
public static class SchemaChecker
{
    public static IReadOnlyList<SchemaViolation> Check(JsonObject schema, JsonNode? value, string path)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(path);
        var violations = new List<SchemaViolation>();
        Visit(schema, value, path, violations);
        return violations;
    }

    private static void Visit(JsonObject schema, JsonNode? value, string path, List<SchemaViolation> violations)
    {
        if (schema["type"] is { } type && !MatchesType(type, value))
        {
            violations.Add(new SchemaViolation(path, $"{path} must be {Describe(type)}, found {KindOf(value)}.", false));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            violations.Add(new SchemaViolation(
                path,
                $"{path} must be one of {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}, found {value?.ToJsonString() ?? "null"}.",
                false));
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, path, violations);
                break;
            case JsonArray array:
                if (schema["minItems"] is JsonValue minItems && array.Count < minItems.GetValue<int>())
                {
                    violations.Add(new SchemaViolation(path, $"{path} needs at least {minItems.GetValue<int>()} item(s).", false));
                }

                if (schema["items"] is JsonObject itemSchema)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Visit(itemSchema, array[i], $"{path}[{i}]", violations);
                    }
                }

                break;
            case JsonValue scalar:
                CheckScalar(schema, scalar, path, violations);
                break;
        }
    }

    private static void CheckObject(JsonObject schema, JsonObject obj, string path, List<SchemaViolation> violations)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()))
            {
                if (obj[name] is null)
                {
                    violations.Add(new SchemaViolation($"{path}.{name}", $"{path}.{name} is required.", true));
                }
            }
        }

        var properties = schema["properties"] as JsonObject;
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject propertySchema)
            {
                // An explicit null for an optional property reads as absent.
                if (child is not null || IsRequired(schema, name))
                {
                    Visit(propertySchema, child, $"{path}.{name}", violations);
                }
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Visit(additional, child, $"{path}.{name}", violations);
            }
        }
    }

    private static bool IsRequired(JsonObject schema, string name) =>
        schema["required"] is JsonArray required && required.Any(r => r?.GetValue<string>() == name);

    private static void CheckScalar(JsonObject schema, JsonValue scalar, string path, List<SchemaViolation> violations)
    {
        var kind = scalar.GetValueKind();
        if (kind == JsonValueKind.String && schema["minLength"] is JsonValue minLength && scalar.GetValue<string>().Length < minLength.GetValue<int>())
        {
            violations.Add(new SchemaViolation(path, $"{path} must not be empty.", false));
        }

        if (kind == JsonValueKind.Number)
        {
            var number = ToDouble(scalar);
            if (schema["minimum"] is JsonValue min && number < ToDouble(min))
            {
                violations.Add(new SchemaViolation(path, $"{path} must be at least {Format(min)}, found {Format(scalar)}.", false));
            }

            if (schema["maximum"] is JsonValue max && number > ToDouble(max))
            {
                violations.Add(new SchemaViolation(path, $"{path} must be at most {Format(max)}, found {Format(scalar)}.", false));
            }
        }
    }

    private static string Format(JsonValue value) => ToDouble(value).ToString(CultureInfo.InvariantCulture);

    // Schema numbers are built from ints, parsed ones are JSON elements: read both through their JSON text.
    private static double ToDouble(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool MatchesType(JsonNode type, JsonNode? value) => type switch
    {
        JsonArray any => any.Any(t => t is not null && MatchesType(t, value)),
        JsonValue single => single.GetValue<string>() switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.IsInteger(ToDouble(v)),
            "null" => value is null,
            _ => true,
        },
        _ => true,
    };

    private static string Describe(JsonNode type) => type is JsonArray any
        ? string.Join(" or ", any.Select(t => Article(t!.GetValue<string>())))
        : Article(type.GetValue<string>());

    private static string Article(string type) => type is "object" or "array" or "integer" ? "an " + type : "a " + type;

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "a value",
    };
}
