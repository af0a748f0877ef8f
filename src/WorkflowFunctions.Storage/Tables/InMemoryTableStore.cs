using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// A table held in process memory with Table Storage's semantics: ordinal row-key order, ETags that change on
/// every write, conditional writes and all-or-nothing same-partition transactions. The LocalHost's default
/// when no storage account is configured; nothing survives a restart. A partition keeps its row keys in a sorted set,
/// so a query seeks to its first row key as Table Storage's key ranges do: a page costs in proportion to the page,
/// not to the rows before it.
/// </summary>
public sealed class InMemoryTableStore : ITableStore
{
    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Find(partitionKey, rowKey) is { } row ? Copy(row, null) : null);
        }
    }

    public Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SubmitOne(TableOperation.Add(entity));
    }

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SubmitOne(TableOperation.Replace(entity, ifMatch));
    }

    public Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SubmitOne(TableOperation.Upsert(entity));
    }

    public Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_partitions.TryGetValue(partitionKey, out var rows))
            {
                rows.Remove(rowKey);
            }
        }

        return Task.CompletedTask;
    }

    public Task SubmitAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        TableTransactionRules.Check(operations);
        lock (_gate)
        {
            foreach (var operation in operations)
            {
                Precondition(operation);
            }

            foreach (var operation in operations)
            {
                Apply(operation);
            }
        }

        return Task.CompletedTask;
    }

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<TableEntity>();
        string? continueAfter = null;
        lock (_gate)
        {
            if (!_partitions.TryGetValue(query.PartitionKey, out var rows))
            {
                return Task.FromResult(new TablePage(found, null));
            }

            var scanned = 0;
            string? last = null;
            var stoppedEarly = false;
            foreach (var rowKey in rows.KeysFrom(query.RowKeyAfter))
            {
                if (query.RowKeyAfter is { } after && string.CompareOrdinal(rowKey, after) <= 0)
                {
                    continue;
                }

                if (query.RowKeyBefore is { } before && string.CompareOrdinal(rowKey, before) >= 0)
                {
                    break;
                }

                var row = rows.Rows[rowKey];

                if (found.Count >= query.Take || scanned >= query.MaxScanned)
                {
                    stoppedEarly = true;
                    break;
                }

                scanned++;
                last = rowKey;
                var projected = Copy(row, query.Select);
                if (query.Filter is null || query.Filter(projected))
                {
                    found.Add(projected);
                }
            }

            continueAfter = stoppedEarly ? last : null;
        }

        return Task.FromResult(new TablePage(found, continueAfter));
    }

    private Task<ETag> SubmitOne(TableOperation operation)
    {
        lock (_gate)
        {
            Precondition(operation);
            return Task.FromResult(Apply(operation));
        }
    }

    private TableEntity? Find(string partitionKey, string rowKey) =>
        _partitions.TryGetValue(partitionKey, out var rows) && rows.Rows.TryGetValue(rowKey, out var row) ? row : null;

    private void Precondition(TableOperation operation)
    {
        var existing = Find(operation.Entity.PartitionKey, operation.Entity.RowKey);
        switch (operation.Kind)
        {
            case TableOperationKind.Add when existing is not null:
                throw new TableConflictException($"The row '{operation.Entity.PartitionKey}'/'{operation.Entity.RowKey}' already exists.");
            case TableOperationKind.Replace or TableOperationKind.Merge or TableOperationKind.Delete when existing is null:
                throw new TableConflictException($"The row '{operation.Entity.PartitionKey}'/'{operation.Entity.RowKey}' does not exist.");
            case TableOperationKind.Replace or TableOperationKind.Merge or TableOperationKind.Delete
                when operation.IfMatch != ETag.All && operation.IfMatch != existing!.ETag:
                throw new TableConflictException($"The row '{operation.Entity.PartitionKey}'/'{operation.Entity.RowKey}' changed since it was read.");
            default:
                return;
        }
    }

    private ETag Apply(TableOperation operation)
    {
        var entity = operation.Entity;
        if (!_partitions.TryGetValue(entity.PartitionKey, out var rows))
        {
            rows = new Partition();
            _partitions[entity.PartitionKey] = rows;
        }

        if (operation.Kind == TableOperationKind.Delete)
        {
            rows.Remove(entity.RowKey);
            return default;
        }

        var stored = Copy(entity, null);
        if (operation.Kind == TableOperationKind.Merge)
        {
            stored = Copy(rows.Rows[entity.RowKey], null);
            foreach (var (name, value) in Copy(entity, null))
            {
                if (name is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
                {
                    stored[name] = value;
                }
            }
        }

        stored.ETag = new ETag("W/\"" + (++_version).ToString(CultureInfo.InvariantCulture) + "\"");
        stored.Timestamp = DateTimeOffset.UtcNow;
        rows.Set(entity.RowKey, stored);
        return stored.ETag;
    }

    private static TableEntity Copy(TableEntity source, IReadOnlyList<string>? select)
    {
        var copy = new TableEntity(source.PartitionKey, source.RowKey) { ETag = source.ETag, Timestamp = source.Timestamp };
        foreach (var (name, value) in source)
        {
            if (name is "PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")
            {
                continue;
            }

            if (select is null || select.Contains(name))
            {
                copy[name] = value is byte[] bytes ? bytes.ToArray() : value;
            }
        }

        return copy;
    }

    /// <summary>One partition: its rows by key, and the keys in ordinal order for range seeks.</summary>
    private sealed class Partition
    {
        // Never written to: what a seek past the last key reads.
        private static readonly SortedSet<string> None = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);

        public Dictionary<string, TableEntity> Rows { get; } = new(StringComparer.Ordinal);

        public void Set(string rowKey, TableEntity row)
        {
            Rows[rowKey] = row;
            _keys.Add(rowKey);
        }

        public bool Remove(string rowKey) => Rows.Remove(rowKey) && _keys.Remove(rowKey);

        /// <summary>The row keys in order, from <paramref name="lower"/> (inclusive) on, or all of them; found in log time.</summary>
        public SortedSet<string> KeysFrom(string? lower) =>
            lower is null || _keys.Count == 0 ? _keys
            : string.CompareOrdinal(lower, _keys.Max) > 0 ? None
            : _keys.GetViewBetween(lower, _keys.Max!);
    }
}
