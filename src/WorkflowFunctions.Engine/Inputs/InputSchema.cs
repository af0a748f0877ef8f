using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>
/// Derives the JSON Schema (draft 2020-12) of a run's input from the trigger's fields, for clients and editor
/// forms. It describes what <see cref="RunInputValidator"/> stores, not every coercion it accepts (a numeric
/// string passes the validator but not this schema). A field with a default is never required.
/// </summary>
public static class InputSchema
{
    public static JsonObject Derive(IReadOnlyList<InputField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var field in fields)
        {
            var property = new JsonObject { ["title"] = field.Title };
            if (field.Description is not null)
            {
                property["description"] = field.Description;
            }

            switch (field.Type)
            {
                case InputFieldType.Text:
                    property["type"] = "string";
                    break;
                case InputFieldType.Number:
                    property["type"] = "number";
                    break;
                case InputFieldType.Boolean:
                    property["type"] = "boolean";
                    break;
                case InputFieldType.Select:
                    property["type"] = "string";

                    // A select without options is a definition error already; an empty enum would refuse everything.
                    if (field.Options.Count > 0)
                    {
                        property["enum"] = new JsonArray([.. field.Options.Select(o => (JsonNode)o)]);
                    }

                    break;
                case InputFieldType.Json:
                    break;
            }

            if (field.DefaultValue is not null)
            {
                property["default"] = field.DefaultValue.DeepClone();
            }

            properties[field.Id] = property;
            if (field.Required && field.DefaultValue is null)
            {
                required.Add((JsonNode)field.Id);
            }
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = true,
        };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return schema;
    }
}
