using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// A row-key range scan of one partition. <see cref="Filter"/> runs on the rows the range returns (in the
/// client for both stores), so ranges and partitions are what keep a query from reading more than it needs.
/// </summary>
public sealed record TableQuery(string PartitionKey)
{
    /// <summary>Exclusive lower bound, or null for the start of the partition.</summary>
    public string? RowKeyAfter { get; init; }

    /// <summary>Exclusive upper bound, or null for the end of the partition.</summary>
    public string? RowKeyBefore { get; init; }

    /// <summary>Keep only rows matching this predicate; null keeps all.</summary>
    public Func<TableEntity, bool>? Filter { get; init; }

    /// <summary>Stop after this many matching rows.</summary>
    public int Take { get; init; } = 1000;

    /// <summary>The property names to return (null for all), so list scans do not read large payload columns.</summary>
    public IReadOnlyList<string>? Select { get; init; }

    /// <summary>Upper bound on rows read from the range (matching or not) before the page is cut short, with a continuation.</summary>
    public int MaxScanned { get; init; } = 5000;

    /// <summary>Rows to ask the service for per round trip; null derives it from <see cref="Take"/> (four times as many with a filter).</summary>
    public int? PageSize { get; init; }
}
