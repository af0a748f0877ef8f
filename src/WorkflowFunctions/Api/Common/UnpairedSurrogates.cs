using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// Finds strings whose escapes encode an unpaired UTF-16 surrogate (<c>"\ud800"</c>). The JSON parser accepts
/// them, but they are not text: reading, storing or re-serializing such a string throws later, deep inside a
/// request, so bodies are checked once when they are read.
/// </summary>
public static partial class UnpairedSurrogates
{
    /// <summary>
    /// The JSON path of a string (or property name) of <paramref name="root"/> that is not text, or null. Only text
    /// holding a surrogate escape (<c>\uD800</c>-<c>\uDFFF</c>) is walked; raw UTF-8 was already checked when decoded.
    /// </summary>
    public static string? Find(string text, JsonElement root)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SurrogateEscape().IsMatch(text) && Walk(root) is { } rest ? "$" + rest : null;
    }

    // The path below this element to the first string that is not text, or null; paths are built only for that one.
    private static string? Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(() => element.GetString()) ? null : string.Empty;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string? name = null;
                    if (!IsText(() => name = property.Name))
                    {
                        return " (a property name)";
                    }

                    if (Walk(property.Value) is { } inner)
                    {
                        return "." + name + inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item) is { } inner)
                    {
                        return "[" + index.ToString(CultureInfo.InvariantCulture) + "]" + inner;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
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

    [GeneratedRegex(@"\\u[dD][89a-fA-F]", RegexOptions.CultureInvariant)]
    private static partial Regex SurrogateEscape();
}
