using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>Reads input fields from a definition's trigger node.</summary>
public static class InputFields
{
    /// <summary>The type names written in definitions.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["text", "number", "select", "boolean", "json"];

    /// <summary>Parses a type name; false for an unknown one.</summary>
    public static bool TryParseType(string? name, out InputFieldType type)
    {
        (var ok, type) = name switch
        {
            "text" => (true, InputFieldType.Text),
            "number" => (true, InputFieldType.Number),
            "select" => (true, InputFieldType.Select),
            "boolean" => (true, InputFieldType.Boolean),
            "json" => (true, InputFieldType.Json),
            _ => (false, InputFieldType.Text),
        };
        return ok;
    }

    /// <summary>The input fields of the definition's start node (or its first trigger node); fields without an ID or with an unknown type are left
    /// out (validation reports them).</summary>
    public static IReadOnlyList<InputField> FromDefinition(WorkflowDefinition definition) =>
        TriggerOf(definition) is { } trigger ? FromTrigger(trigger) : [];

    /// <summary>The trigger whose input fields validate a run's input: the start node, or else the first trigger node; null when there is none.</summary>
    public static NodeDefinition? TriggerOf(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (definition.StartNode is { } start ? definition.FindNode(start) : null) is { Type: NodeTypes.Trigger } startNode
            ? startNode
            : definition.Nodes.FirstOrDefault(n => n.Type == NodeTypes.Trigger);
    }

    /// <summary>The input fields of one trigger node.</summary>
    public static IReadOnlyList<InputField> FromTrigger(NodeDefinition trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (trigger.Data["input_fields"] is not JsonArray array)
        {
            return [];
        }

        var fields = new List<InputField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.OfType<JsonObject>())
        {
            var id = JsonRead.String(item, "id");
            if (string.IsNullOrEmpty(id) || !TryParseType(JsonRead.String(item, "type"), out var type) || !seen.Add(id))
            {
                continue;
            }

            var options = item["options"];
            var defaultValue = IsEmpty(item["default_value"]) ? DefaultOption(options) : item["default_value"];
            fields.Add(new InputField(
                id,
                JsonRead.String(item, "title") ?? id,
                type,
                JsonRead.Bool(item, "input_requirements") ?? JsonRead.Bool(item, "required") ?? false,
                defaultValue?.DeepClone(),
                ReadOptions(options),
                string.IsNullOrEmpty(JsonRead.String(item, "tooltip")) ? null : JsonRead.String(item, "tooltip")));
        }

        return fields;
    }

    /// <summary>
    /// Reference 003 writes <c>"default_value": ""</c> for "no default" (its column is a string), so an empty
    /// string is no default for every type.
    /// </summary>
    internal static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0);

    /// <summary>The value of the first option marked <c>is_default</c>, the select's default when <c>default_value</c> is empty.</summary>
    private static JsonNode? DefaultOption(JsonNode? options) =>
        options is JsonArray array
            ? array.OfType<JsonObject>().FirstOrDefault(o => JsonRead.Bool(o, "is_default") == true)?["value"]
            : null;

    /// <summary>Options may be strings or <c>{value, title|label}</c> objects; the value is what inputs carry.</summary>
    internal static IReadOnlyList<string> ReadOptions(JsonNode? options)
    {
        if (options is not JsonArray array)
        {
            return [];
        }

        var values = new List<string>();
        foreach (var option in array)
        {
            switch (option)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    values.Add(v.GetValue<string>());
                    break;
                case JsonObject o when o["value"] is JsonValue value:
                    values.Add(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString());
                    break;
            }
        }

        return values;
    }
}
