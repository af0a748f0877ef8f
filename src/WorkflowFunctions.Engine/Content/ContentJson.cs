using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Content;

/// <summary>
/// Parses node content the way reference 003's <c>json.loads</c> does where System.Text.Json differs: a repeated
/// property name keeps its last value. (A <see cref="JsonNode"/> parsed directly from such text throws when it
/// is first read, long after parsing, in whichever node happens to use it.)
/// </summary>
internal static class ContentJson
{
    public static bool TryParse(string text, out JsonNode? json)
    {
        json = null;
        try
        {
            // Cloned so the number values built from it stay valid without the document.
            using var document = JsonDocument.Parse(text);
            json = ToNode(document.RootElement.Clone());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string with a lone surrogate escape (\ud800) cannot become a .NET string: treat the content as text.
            return false;
        }
    }

    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.Null:
                return null;
            default:
                // Numbers keep their JSON text (12345678901234567890, 1.50) rather than a double's.
                return JsonValue.Create(element);
        }
    }
}
