using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// CSV text to a <see cref="TableValue"/>: the delimiter detected or given, the first record as header (IDs
/// derived by <see cref="ColumnIds"/>) unless <c>has_header</c> is false (<c>column_1</c>, ...), each column's type
/// declared or detected (<see cref="CellValues"/>). A row shorter than the header is padded with empty cells; a
/// longer one is an error. Pure and deterministic, so an orchestrator may import in place.
/// </summary>
public static class CsvImport
{
    /// <summary>Imports <paramref name="text"/>; false with a message naming the row, column or limit.</summary>
    public static bool TryImport(string text, CsvImportOptions options, TableLimits limits, out TableValue table, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        table = null!;
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxBytes)
        {
            error = $"The CSV text is {bytes} bytes; tables hold at most {limits.MaxBytes}.";
            return false;
        }

        var delimiter = options.Delimiter ?? CsvReader.Detect(text);
        var headerRows = options.HasHeader ? 1 : 0;
        if (!CsvReader.TryRead(text, delimiter, limits.MaxRows + headerRows + 1, out var records, out error))
        {
            return false;
        }

        var header = options.HasHeader && records.Count > 0 ? records[0] : null;
        var data = records.Skip(headerRows).ToList();
        if (limits.RowsProblem(data.Count) is { } tooMany)
        {
            error = tooMany;
            return false;
        }

        var width = Math.Max(header?.Length ?? (data.Count == 0 ? 0 : data.Max(r => r.Length)), options.Columns.Count);
        if (header is not null && options.Columns.Count > header.Length)
        {
            error = $"'columns' declares {options.Columns.Count} columns but the header has {header.Length}.";
            return false;
        }

        for (var r = 0; r < data.Count; r++)
        {
            if (data[r].Length > width)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"Row {r + 1} has {data[r].Length} fields; the header has {width}.");
                return false;
            }
        }

        if (limits.CellsProblem(data.Count, width) is { } tooLarge)
        {
            error = tooLarge;
            return false;
        }

        if (!TryColumns(header, data, width, options.Columns, out var columns, out error))
        {
            return false;
        }

        var rows = new List<JsonObject>(data.Count);
        for (var r = 0; r < data.Count; r++)
        {
            var row = new JsonObject();
            for (var c = 0; c < width; c++)
            {
                var cell = c < data[r].Length ? data[r][c] : string.Empty;
                if (!CellValues.TryConvert(cell, columns[c].Type, out var value, out var problem))
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"Row {r + 1}, column '{columns[c].Id}': {problem}");
                    return false;
                }

                row[columns[c].Id] = value;
            }

            rows.Add(row);
        }

        table = new TableValue(columns, rows);
        error = limits.Check(table);
        return error is null;
    }

    private static bool TryColumns(
        string[]? header,
        List<string[]> data,
        int width,
        IReadOnlyList<ColumnDeclaration> declared,
        out List<TableColumn> columns,
        out string? error)
    {
        columns = new List<TableColumn>(width);
        error = null;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in declared.Select(d => d.Id).OfType<string>())
        {
            if (!used.Add(id))
            {
                error = $"'columns' declares the ID '{id}' twice.";
                return false;
            }
        }

        for (var c = 0; c < width; c++)
        {
            var declaration = c < declared.Count ? declared[c] : null;
            var title = header is not null && c < header.Length ? header[c].Trim() : null;
            var id = declaration?.Id ?? ColumnIds.FromHeader(title, c, used);
            var type = declaration?.Type ?? CellValues.Detect(data.Select(r => c < r.Length ? r[c] : null));
            columns.Add(new TableColumn(id, declaration?.Header ?? (string.IsNullOrEmpty(title) ? id : title), type));
        }

        return true;
    }
}
