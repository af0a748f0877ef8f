using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>Resolves references against a scope and turns values into template text.</summary>
public static class TemplateValues
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same compact, relaxed JSON as <see cref="Compact"/>, for writing straight to a buffer.</summary>
    internal static readonly JsonWriterOptions CompactWriter = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Walks a reference's path. Returns false when any step is missing (an absent property, an index out of range, a step into a scalar).</summary>
    public static bool TryResolve(TemplateReference reference, TemplateScope scope, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(scope);
        if (!TryRoot(reference, scope, out var current))
        {
            value = null;
            return false;
        }

        foreach (var step in reference.Path)
        {
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(step, out var child):
                    current = child;
                    break;
                case JsonArray array when TryIndex(step, out var index) && index < array.Count:
                    current = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>
    /// Where a reference starts. Precedence: <c>input</c>; <c>row</c> where a row is in scope; a node ID; a bare
    /// variable (an input field ID that is no node ID), which reads <c>input.&lt;root&gt;</c>.
    /// </summary>
    private static bool TryRoot(TemplateReference reference, TemplateScope scope, out JsonNode? root)
    {
        if (reference.IsInput)
        {
            root = scope.Input;
            return true;
        }

        if (reference.IsRow && scope.Row is { } row)
        {
            root = row;
            return true;
        }

        if (scope.Nodes.TryGetValue(reference.Root, out root))
        {
            return true;
        }

        if (scope.Variables.Contains(reference.Root) && scope.Input is JsonObject fields)
        {
            return fields.TryGetPropertyValue(reference.Root, out root);
        }

        root = null;
        return false;
    }

    /// <summary>Reads a path step as an array index (digits only).</summary>
    internal static bool TryIndex(string step, out int index) =>
        int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out index);

    /// <summary>
    /// The text a value renders as: strings raw, numbers as written (invariant), booleans <c>true</c>/<c>false</c>,
    /// null and missing as empty, a table as its CSV text (see <see cref="Tables.TableValue"/>), other objects and
    /// arrays as compact JSON.
    /// </summary>
    public static string ToText(JsonNode? value) => value switch
    {
        JsonObject table when Tables.TableValue.IsTable(table) => Tables.TableValue.Text(table),
        null => string.Empty,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => StringText(v),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => string.Empty,
            JsonValueKind.Number => v.ToJsonString(),
            _ => v.ToJsonString(Compact),
        },
        _ => value.ToJsonString(Compact),
    };

    // Values built in code may hold a DateTime, Guid or char, which serialise as JSON strings but do not read as one.
    private static string StringText(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : JsonNode.Parse(value.ToJsonString())!.GetValue<string>();

    /// <summary>Serialises a JSON node compactly (used for object and array rendering).</summary>
    public static string ToCompactJson(JsonNode? value) => value is null ? "null" : value.ToJsonString(Compact);
}
