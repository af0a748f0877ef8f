using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// How large a table may grow: rows, cells (rows × columns) and bytes (the UTF-8 JSON of its rows). Tables travel
/// in node results, orchestration history and the run's result, so every table a node produces is checked; a
/// larger one fails the node with a message naming the limit.
/// </summary>
public sealed record TableLimits(int MaxRows = 10_000, int MaxCells = 500_000, int MaxBytes = 4 * 1024 * 1024)
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TableLimits Default { get; } = new();

    /// <summary>The problem with <paramref name="table"/>'s size, or null when it fits.</summary>
    public string? Check(TableValue table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (RowsProblem(table.Rows.Count) is { } rows)
        {
            return rows;
        }

        if (CellsProblem(table.Rows.Count, table.Columns.Count) is { } cells)
        {
            return cells;
        }

        var bytes = RowBytes(table);
        return bytes > MaxBytes ? BytesProblem(bytes) : null;
    }

    internal string? RowsProblem(long rows) =>
        rows > MaxRows ? $"The table has more than {MaxRows} rows, the limit." : null;

    internal string? CellsProblem(long rows, int columns) =>
        rows * columns > MaxCells ? $"The table has {rows * columns} cells ({rows} rows × {columns} columns); the limit is {MaxCells}." : null;

    internal string BytesProblem(long bytes) => $"The table is {bytes} bytes as JSON; the limit is {MaxBytes}.";

    /// <summary>The UTF-8 size of the table's rows written as a JSON array.</summary>
    internal static long RowBytes(TableValue table)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        long total = 2 + Math.Max(0, table.Rows.Count - 1);
        using var writer = new Utf8JsonWriter(buffer, Relaxed);
        foreach (var row in table.Rows)
        {
            row.WriteTo(writer);
            writer.Flush();
            total += buffer.WrittenCount;
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        return total;
    }
}
