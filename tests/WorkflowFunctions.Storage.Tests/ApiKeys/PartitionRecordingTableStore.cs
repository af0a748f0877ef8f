using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Tests.ApiKeys;

/// <summary>
/// Passes every call to the real table and remembers which partitions were written, so a test can read back
/// every row a repository stored without knowing its key design.
/// </summary>
public sealed class PartitionRecordingTableStore(ITableStore inner) : ITableStore
{
    private readonly ConcurrentDictionary<string, bool> _partitions = new(StringComparer.Ordinal);

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.GetAsync(partitionKey, rowKey, cancellationToken);

    public Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken) =>
        inner.AddAsync(Record(entity), cancellationToken);

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(Record(entity), ifMatch, cancellationToken);

    public Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        inner.UpsertAsync(Record(entity), cancellationToken);

    public Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.DeleteAsync(partitionKey, rowKey, cancellationToken);

    public Task SubmitAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            Record(operation.Entity);
        }

        return inner.SubmitAsync(operations, cancellationToken);
    }

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    /// <summary>Every row now stored in the partitions written through this store, read from the real table.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadWrittenPartitionsAsync()
    {
        var rows = new List<TableEntity>();
        foreach (var partition in _partitions.Keys)
        {
            string? after = null;
            do
            {
                var page = await inner.QueryAsync(new TableQuery(partition) { RowKeyAfter = after }, default);
                rows.AddRange(page.Rows);
                after = page.ContinueAfter;
            }
            while (after is not null);
        }

        return rows;
    }

    private TableEntity Record(TableEntity entity)
    {
        _partitions[entity.PartitionKey] = true;
        return entity;
    }
}
