using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Content;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// A run's result as a table, for every API to present: rows <see cref="Start"/> to <see cref="End"/> (exclusive)
/// of <see cref="TotalRows"/>. A table output is that table; an output whose content is a JSON array of objects
/// (possibly in a code fence) becomes those rows; any other output is one row with an <c>output</c> column.
/// </summary>
public sealed record RunTable
{
    /// <summary>The one column of a run whose output is not tabular.</summary>
    public const string OutputColumn = "output";

    /// <summary>The node whose result the table is (the primary output node); more rows are in its result.</summary>
    [JsonPropertyName("node_id")]
    public string? NodeId { get; init; }

    [JsonPropertyName("columns")]
    public IReadOnlyList<TableColumn> Columns { get; init; } = [];

    [JsonPropertyName("rows")]
    public IReadOnlyList<JsonObject> Rows { get; init; } = [];

    /// <summary>Index of the first row given.</summary>
    [JsonPropertyName("start")]
    public int Start { get; init; }

    /// <summary>Index after the last row given (<c>start + rows.length</c>).</summary>
    [JsonPropertyName("end")]
    public int End { get; init; }

    [JsonPropertyName("total_rows")]
    public int TotalRows { get; init; }

    /// <summary>
    /// The table of an output node's <paramref name="result"/>, rows <paramref name="start"/> onwards, at most
    /// <paramref name="maxRows"/> of them; null when there is no result (the run produced no output).
    /// </summary>
    public static RunTable? From(string? nodeId, JsonObject? result, int start = 0, int maxRows = int.MaxValue)
    {
        if (result is null)
        {
            return null;
        }

        var table = Tabulate(result);
        var total = table.Rows.Count;
        var first = Math.Clamp(start, 0, total);
        var count = Math.Clamp(maxRows, 0, total - first);
        var rows = new List<JsonObject>(count);
        for (var i = first; i < first + count; i++)
        {
            rows.Add((JsonObject)table.Rows[i].DeepClone());
        }

        return new RunTable { NodeId = nodeId, Columns = table.Columns, Rows = rows, Start = first, End = first + count, TotalRows = total };
    }

    private static TableValue Tabulate(JsonObject result)
    {
        if (TableValue.IsTable(result) && TableValue.TryRead(result, out var table, out _))
        {
            return table;
        }

        var content = result["content"];
        var text = TemplateValues.ToText(content);
        var value = content is JsonValue v && v.GetValueKind() == JsonValueKind.String ? ContentParser.Parse(text) : content;
        if (value is JsonArray array && array.All(item => item is JsonObject))
        {
            return TableValue.FromRecords(array);
        }

        return new TableValue(
            [new TableColumn(OutputColumn, ColumnIds.Title(OutputColumn), ColumnTypes.Text)],
            [new JsonObject { [OutputColumn] = text }]);
    }
}
