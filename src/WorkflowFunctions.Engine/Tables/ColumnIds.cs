using System.Globalization;
using System.Text;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// Column IDs are what templates write after <c>row.</c>: letters, digits, <c>_</c> and <c>-</c>. IDs derived from
/// a header are lower-cased with every other character run replaced by <c>_</c> (<c>First Name</c> →
/// <c>first_name</c>); an empty one becomes <c>column_&lt;n&gt;</c>, a repeated one gets <c>_2</c>, <c>_3</c>, ...
/// </summary>
public static class ColumnIds
{
    /// <summary>Whether <paramref name="id"/> can be written in a template path (<c>{{ row.&lt;id&gt; }}</c>).</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An ID for the column at <paramref name="index"/> (0-based) from its header, unique among <paramref name="used"/> (which it joins).</summary>
    public static string FromHeader(string? header, int index, ISet<string> used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var builder = new StringBuilder();
        var gap = false;
        foreach (var c in (header ?? string.Empty).Trim())
        {
            if (IsNameChar(c))
            {
                if (gap && builder.Length > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
                gap = false;
            }
            else
            {
                gap = true;
            }
        }

        var id = builder.Length > 0 ? builder.ToString() : string.Create(CultureInfo.InvariantCulture, $"column_{index + 1}");
        var unique = id;
        for (var n = 2; !used.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{id}_{n}");
        }

        return unique;
    }

    /// <summary>A header for an ID: words split at <c>_</c> and <c>-</c>, each capitalised (<c>total_cost</c> → <c>Total Cost</c>).</summary>
    public static string Title(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var words = id.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0
            ? id
            : string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c > 127 && char.IsLetterOrDigit(c));
}
