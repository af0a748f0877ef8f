using Azure;
using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// The slice of Azure Table Storage the repositories use: point reads, conditional writes, atomic
/// same-partition transactions and ordered row-key range scans. Repositories depend on this rather than on
/// <see cref="TableClient"/> so the LocalHost can run them in memory with the same semantics.
/// </summary>
public interface ITableStore
{
    /// <summary>The row, or null when it does not exist.</summary>
    Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Inserts the row; throws <see cref="TableConflictException"/> when it already exists.</summary>
    Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Replaces the row; throws <see cref="TableConflictException"/> when the ETag no longer matches or the row is gone.</summary>
    Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the row unconditionally.</summary>
    Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Deletes the row if it exists (no error when it does not).</summary>
    Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>
    /// Applies every operation or none. All operations must share one partition key (at most 100).
    /// Throws <see cref="TableConflictException"/> when a condition fails.
    /// </summary>
    Task SubmitAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken);

    /// <summary>
    /// Rows of one partition in ascending row-key order within the query's exclusive bounds, keeping those that
    /// match its filter, until it has enough rows, has scanned its limit, or the range ends.
    /// </summary>
    Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken);
}
