using WorkflowFunctions.Engine.Tables;

namespace WorkflowFunctions.Settings;

/// <summary>
/// Limits of table values and how map-rows nodes spread their rows, bound from the <c>Tables</c> section
/// (<c>Tables__MaxRows</c>, ...). See docs/tables.md.
/// </summary>
public sealed class TableOptions
{
    public const string SectionName = "Tables";

    /// <summary>Rows a table may hold.</summary>
    public int MaxRows { get; set; } = 10_000;

    /// <summary>Cells (rows × columns) a table may hold.</summary>
    public int MaxCells { get; set; } = 500_000;

    /// <summary>
    /// UTF-8 bytes a table's rows may take as JSON (3 MiB); CSV text to import is held to the same size. A table crosses
    /// the durable engine as one message (a map-rows orchestration's output, the next node's activity input), so it stays
    /// below the engine's limit on one message (about 3.9 MB).
    /// </summary>
    public int MaxBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>Rows of the run's <c>table</c> in its result; the whole table stays in the output node's result.</summary>
    public int ResultMaxRows { get; set; } = 1_000;

    /// <summary>
    /// Rows per map-rows chunk (a sub-orchestration). A chunk's history grows with its rows and the map-rows
    /// orchestration's with the number of chunks, so about the square root of <see cref="MaxRows"/> keeps both small;
    /// every episode replays its history, so smaller chunks are also cheaper per row.
    /// </summary>
    public int ChunkRows { get; set; } = 100;

    /// <summary>Chunks of one map-rows node in flight at once; the node's concurrency is shared among them.</summary>
    public int ParallelChunks { get; set; } = 4;

    /// <summary>Rows in flight per map-rows node when the node sets no <c>concurrency</c>.</summary>
    public int DefaultConcurrency { get; set; } = 5;

    /// <summary>The most rows in flight a map-rows node may ask for.</summary>
    public int MaxConcurrency { get; set; } = 50;

    /// <summary>The engine's size limits.</summary>
    public TableLimits Limits() => new(MaxRows, MaxCells, MaxBytes);
}
