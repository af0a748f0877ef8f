using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Content;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// A table that flows between nodes as a node result (see docs/tables.md):
/// <code>{"content": "&lt;CSV&gt;", "type": "table", "columns": [{"id", "header", "type"}], "rows": [{"&lt;id&gt;": cell}], "row_count": N}</code>
/// Rows are objects keyed by column ID, so templates read <c>{{ csv.result.rows[0].name }}</c> and
/// <c>{{ csv.result.row_count }}</c>; <c>content</c> is the table as CSV text, which is also what a table renders
/// as when a template puts it into text. Rows may be shared with the JSON they were read from: treat them as read-only.
/// </summary>
public sealed class TableValue
{
    /// <summary>The value of <c>type</c> that marks a JSON object as a table.</summary>
    public const string TypeName = "table";

    public TableValue(IReadOnlyList<TableColumn> columns, IReadOnlyList<JsonObject> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    public IReadOnlyList<JsonObject> Rows { get; }

    /// <summary>Whether a JSON value is a table: an object with <c>"type": "table"</c>, a <c>columns</c> array and a <c>rows</c> array.</summary>
    public static bool IsTable(JsonNode? value) =>
        value is JsonObject obj
        && obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == TypeName
        && obj["columns"] is JsonArray
        && obj["rows"] is JsonArray;

    /// <summary>
    /// Reads a table from a value: a table object; an array of objects (columns inferred, see <see cref="FromRecords"/>);
    /// or a string holding such an array as JSON (an LLM answer, possibly in a code fence). False with the reason otherwise.
    /// </summary>
    public static bool TryRead(JsonNode? value, out TableValue table, out string? error)
    {
        table = null!;
        error = null;
        switch (value)
        {
            case JsonObject obj when IsTable(obj):
                return TryReadTable(obj, out table, out error);
            case JsonArray array when array.All(item => item is JsonObject):
                table = FromRecords(array);
                return true;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String
                && ContentParser.TryParseJson(text.GetValue<string>(), out var parsed)
                && parsed is JsonArray records && records.All(item => item is JsonObject):
                table = FromRecords(records);
                return true;
            default:
                error = "The value is not a table: expected a table, or an array of objects.";
                return false;
        }
    }

    /// <summary>
    /// A table over an array of objects: columns are the keys in first-seen order, typed by their values
    /// (<see cref="CellValues.TypeOf"/>), headed by the key in title case (<c>total_cost</c> → <c>Total Cost</c>).
    /// </summary>
    public static TableValue FromRecords(JsonArray records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.Cast<JsonObject>().ToList();
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var (key, _) in row)
            {
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        var columns = keys
            .Select(key => new TableColumn(key, ColumnIds.Title(key), CellValues.TypeOf(rows.Select(r => r[key]))))
            .ToList();
        return new TableValue(columns, rows);
    }

    /// <summary>The table as CSV text (<see cref="CsvWriter"/>).</summary>
    public string ToCsv() => CsvWriter.Write(Columns, Rows);

    /// <summary>The table as a node result: <c>content</c> (CSV), <c>type</c>, <c>columns</c>, <c>rows</c>, <c>row_count</c>.</summary>
    public JsonObject ToResult()
    {
        var columns = new JsonArray();
        foreach (var column in Columns)
        {
            columns.Add((JsonNode)column.ToJson());
        }

        var rows = new JsonArray();
        foreach (var row in Rows)
        {
            // A JSON node has one parent: rows still inside the value they were read from are copied.
            JsonNode copy = row.Parent is null ? row : row.DeepClone();
            rows.Add(copy);
        }

        return new JsonObject
        {
            ["content"] = ToCsv(),
            ["type"] = TypeName,
            ["columns"] = columns,
            ["rows"] = rows,
            ["row_count"] = Rows.Count,
        };
    }

    /// <summary>The text a table value renders as in a template: its <c>content</c> when it carries one, else its CSV.</summary>
    public static string Text(JsonObject table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table["content"] is JsonValue content && content.GetValueKind() == JsonValueKind.String)
        {
            return content.GetValue<string>();
        }

        return TryReadTable(table, out var value, out _) ? value.ToCsv() : string.Empty;
    }

    private static bool TryReadTable(JsonObject obj, out TableValue table, out string? error)
    {
        table = null!;
        var columns = new List<TableColumn>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (JsonArray)obj["columns"]!)
        {
            var id = Text(item, "id");
            if (id is null || !ids.Add(id))
            {
                error = id is null ? "A table column has no 'id'." : $"The table has two columns '{id}'.";
                return false;
            }

            var type = Text(item, "type") ?? ColumnTypes.Text;
            if (!ColumnTypes.IsKnown(type))
            {
                error = $"Column '{id}' has unknown type '{type}'. Supported: {string.Join(", ", ColumnTypes.Names)}.";
                return false;
            }

            columns.Add(new TableColumn(id, Text(item, "header") ?? id, type));
        }

        var rows = new List<JsonObject>();
        foreach (var row in (JsonArray)obj["rows"]!)
        {
            if (row is not JsonObject cells)
            {
                error = $"Row {rows.Count + 1} of the table is not an object.";
                return false;
            }

            rows.Add(cells);
        }

        table = new TableValue(columns, rows);
        error = null;
        return true;
    }

    private static string? Text(JsonNode? obj, string name) =>
        obj is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
