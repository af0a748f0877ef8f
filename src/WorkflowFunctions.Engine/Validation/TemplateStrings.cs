using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Validation;

/// <summary>Finds the strings in a node's configuration that hold placeholders, with their JSON paths.</summary>
internal static class TemplateStrings
{
    public static IEnumerable<(string Text, string Path)> In(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var found in In(child, $"{path}.{name}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in In(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Contains("{{", StringComparison.Ordinal))
                {
                    yield return (text, path);
                }

                break;
        }
    }
}
