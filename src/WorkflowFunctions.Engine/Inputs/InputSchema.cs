using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>Derives the JSON Schema (draft 2020-12) of a run's input from the trigger's fields.</summary>
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
                    property["enum"] = new JsonArray([.. field.Options.Select(o => (JsonNode)o)]);
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
