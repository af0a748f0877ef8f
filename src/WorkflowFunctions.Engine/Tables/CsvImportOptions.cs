using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>A declared column of an import: any of its ID, header and type; what is left out is derived from the CSV.</summary>
public sealed record ColumnDeclaration(string? Id, string? Header, string? Type);

/// <summary>
/// How an <c>import-csv-node</c> reads its text: <c>delimiter</c> (<c>auto</c>, the default, detects
/// <c>, ; tab |</c>), <c>has_header</c> (default true) and <c>columns</c>, declared by position.
/// </summary>
public sealed record CsvImportOptions(char? Delimiter, bool HasHeader, IReadOnlyList<ColumnDeclaration> Columns)
{
    /// <summary>The delimiters a node may name (<c>auto</c> detects one of the others).</summary>
    public static IReadOnlyList<string> DelimiterNames { get; } = ["auto", ",", ";", "\t", "|"];

    public static CsvImportOptions Default { get; } = new(null, true, []);

    /// <summary>Reads the options from an <c>import-csv-node</c>'s data; false with a message naming the field.</summary>
    public static bool TryRead(JsonObject data, out CsvImportOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = Default;
        error = null;
        char? delimiter = null;
        if (Text(data["delimiter"]) is { } name && name != "auto")
        {
            if (name.Length != 1 || !DelimiterNames.Contains(name))
            {
                error = $"'delimiter' must be one of auto, ',', ';', '|' or a tab, not '{name}'.";
                return false;
            }

            delimiter = name[0];
        }

        var hasHeader = data["has_header"] is not JsonValue flag || flag.GetValueKind() != JsonValueKind.False;
        var columns = new List<ColumnDeclaration>();
        if (data["columns"] is JsonArray declared)
        {
            foreach (var item in declared)
            {
                if (item is not JsonObject column)
                {
                    error = $"'columns[{columns.Count}]' must be an object with id, header and/or type.";
                    return false;
                }

                var type = Text(column["type"]);
                if (type is not null && !ColumnTypes.IsKnown(type))
                {
                    error = $"'columns[{columns.Count}].type' is '{type}'. Supported: {string.Join(", ", ColumnTypes.Names)}.";
                    return false;
                }

                var id = Text(column["id"]);
                if (id is not null && !ColumnIds.IsValid(id))
                {
                    error = $"'columns[{columns.Count}].id' is '{id}': column IDs use letters, digits, '_' and '-'.";
                    return false;
                }

                columns.Add(new ColumnDeclaration(id, Text(column["header"]), type));
            }
        }

        options = new CsvImportOptions(delimiter, hasHeader, columns);
        return true;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
