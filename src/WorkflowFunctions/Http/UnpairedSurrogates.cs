using System.Globalization;
using System.Text.Json;

namespace WorkflowFunctions.Http;

/// <summary>
/// Finds strings whose escapes encode an unpaired UTF-16 surrogate (<c>"\ud800"</c>). The JSON parser accepts
/// them, but they are not text: reading, storing or re-serializing such a string throws later, deep inside a
/// request, so bodies are checked once when they are read.
/// </summary>
public static class UnpairedSurrogates
{
    /// <summary>The JSON path of one such string (property names included), or null when every string is text.</summary>
    public static string? Find(JsonElement root)
    {
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((root, "$"));
        while (pending.Count > 0)
        {
            var (element, path) = pending.Pop();
            switch (element.ValueKind)
            {
                case JsonValueKind.String when !IsText(() => element.GetString()):
                    return path;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        string? name = null;
                        if (!IsText(() => name = property.Name))
                        {
                            return path + " (a property name)";
                        }

                        pending.Push((property.Value, path + "." + name));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        pending.Push((item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
                        index++;
                    }

                    break;
            }
        }

        return null;
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
