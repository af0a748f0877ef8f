using System.Text;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// Writes a table as CSV (RFC 4180, lines ending in <c>\n</c>, no newline after the last): a header line of the
/// column headers, then one line per row. Cells render as template text (numbers as written, booleans lowercase,
/// null empty, objects and arrays compact JSON); a cell holding a comma, a quote or a line break is quoted with
/// quotes doubled.
/// </summary>
public static class CsvWriter
{
    public static string Write(IReadOnlyList<TableColumn> columns, IEnumerable<JsonObject> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            Append(builder, i, string.IsNullOrEmpty(columns[i].Header) ? columns[i].Id : columns[i].Header);
        }

        foreach (var row in rows)
        {
            builder.Append('\n');
            for (var i = 0; i < columns.Count; i++)
            {
                Append(builder, i, TemplateValues.ToText(row[columns[i].Id]));
            }
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, int index, string text)
    {
        if (index > 0)
        {
            builder.Append(',');
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            builder.Append(text);
            return;
        }

        builder.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
