using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Definition;

/// <summary>Lenient readers for user-supplied JSON: a value of the wrong kind reads as absent, never throws.</summary>
internal static class JsonRead
{
    public static string? String(JsonObject? obj, string name) =>
        obj?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Bool(JsonObject? obj, string name) =>
        obj?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static IReadOnlyList<string> StringArray(JsonObject? obj, string name)
    {
        if (obj?[name] is not JsonArray array)
        {
            return [];
        }

        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                list.Add(v.GetValue<string>());
            }
        }

        return list;
    }
}
