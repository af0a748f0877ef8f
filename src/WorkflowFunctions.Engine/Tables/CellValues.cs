using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Content;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// Text cells (CSV fields, LLM answers) as typed JSON, and the type a column's cells suggest. Detection is strict
/// so that nothing is silently changed: a number is text in JSON's number grammar (<c>007</c>, <c>+5</c> and
/// <c>1,5</c> stay strings), a boolean is <c>true</c> or <c>false</c> in any case. A declared type converts more
/// leniently (see <see cref="TryConvert"/>). Empty text is <c>""</c> in a string column and null in the others.
/// </summary>
public static class CellValues
{
    /// <summary>The type that fits every non-blank text: number, boolean, else string (string when all are blank).</summary>
    public static string Detect(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        bool numbers = true, booleans = true, any = false;
        foreach (var cell in cells)
        {
            var text = cell?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            any = true;
            numbers &= IsJsonNumber(text);
            booleans &= IsBooleanWord(text);
            if (!numbers && !booleans)
            {
                return ColumnTypes.Text;
            }
        }

        return !any ? ColumnTypes.Text : numbers ? ColumnTypes.Number : booleans ? ColumnTypes.Boolean : ColumnTypes.Text;
    }

    /// <summary>The type of a column holding these JSON values (nulls ignored): number, boolean, string, else json.</summary>
    public static string TypeOf(IEnumerable<JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? type = null;
        foreach (var value in values)
        {
            var kind = value switch
            {
                null => null,
                JsonValue v => v.GetValueKind() switch
                {
                    JsonValueKind.Number => ColumnTypes.Number,
                    JsonValueKind.True or JsonValueKind.False => ColumnTypes.Boolean,
                    JsonValueKind.String => ColumnTypes.Text,
                    JsonValueKind.Null => null,
                    _ => ColumnTypes.Json,
                },
                _ => ColumnTypes.Json,
            };
            if (kind is null)
            {
                continue;
            }

            if (type is not null && type != kind)
            {
                return ColumnTypes.Json;
            }

            type = kind;
        }

        return type ?? ColumnTypes.Text;
    }

    /// <summary>
    /// Converts text to a cell of <paramref name="type"/>. Numbers: JSON grammar keeps its text; otherwise any
    /// invariant-culture float (<c>+5</c>, <c>.5</c>, surrounding spaces). Booleans: <c>true/false</c>,
    /// <c>yes/no</c>, <c>1/0</c> in any case. JSON: parsed like <c>parse_content</c> (fences removed; text stays text).
    /// </summary>
    public static bool TryConvert(string? text, string type, out JsonNode? cell, out string? error)
    {
        error = null;
        cell = null;
        var trimmed = text?.Trim() ?? string.Empty;
        switch (type)
        {
            case ColumnTypes.Text:
                cell = JsonValue.Create(text ?? string.Empty);
                return true;
            case ColumnTypes.Number when trimmed.Length == 0:
            case ColumnTypes.Boolean when trimmed.Length == 0:
            case ColumnTypes.Json when trimmed.Length == 0:
                return true;
            case ColumnTypes.Number when IsJsonNumber(trimmed):
                cell = JsonNode.Parse(trimmed);
                return true;
            case ColumnTypes.Number when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                cell = JsonValue.Create(number);
                return true;
            case ColumnTypes.Number:
                error = $"'{Shorten(trimmed)}' is not a number.";
                return false;
            case ColumnTypes.Boolean when TryBoolean(trimmed, out var flag):
                cell = JsonValue.Create(flag);
                return true;
            case ColumnTypes.Boolean:
                error = $"'{Shorten(trimmed)}' is not a boolean (true/false, yes/no, 1/0).";
                return false;
            case ColumnTypes.Json:
                cell = ContentParser.Parse(text!);
                return true;
            default:
                error = $"Unknown column type '{type}'. Supported: {string.Join(", ", ColumnTypes.Names)}.";
                return false;
        }
    }

    /// <summary>Whether <paramref name="text"/> is a number in JSON's grammar: <c>-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?</c>.</summary>
    public static bool IsJsonNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool Digits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }

    private static bool IsBooleanWord(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static bool TryBoolean(string text, out bool value)
    {
        (var ok, value) = text.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "1" => (true, true),
            "FALSE" or "NO" or "0" => (true, false),
            _ => (false, false),
        };
        return ok;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
