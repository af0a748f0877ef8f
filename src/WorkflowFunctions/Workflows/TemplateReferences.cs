using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// Which other nodes a node's templates refer to (<c>{{ nodeId.result.content }}</c> anywhere in its data), so
/// an activity's input carries only those results instead of every finished node's.
/// </summary>
internal static class TemplateReferences
{
    public static IReadOnlySet<string> NodeRoots(JsonNode? data)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        Collect(data, roots);
        return roots;
    }

    private static void Collect(JsonNode? node, HashSet<string> roots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, roots);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, roots);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Contains("{{", StringComparison.Ordinal) && Template.TryParse(text, out var template, out _))
                {
                    foreach (var reference in template.References)
                    {
                        if (!reference.IsInput)
                        {
                            roots.Add(reference.Root);
                        }
                    }
                }

                break;
        }
    }
}
