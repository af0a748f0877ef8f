using Azure;
using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// <see cref="ITableStore"/> over one Azure Storage table (or Azurite). The table is created on first use.
/// Conditional-write failures (409, 412, 404 on replace) become <see cref="TableConflictException"/>.
/// </summary>
public sealed class AzureTableStore(TableClient table) : ITableStore
{
    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];
    private Task? _created;

    public string Name => table.Name;

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureCreated().ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    public Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken) =>
        Write(() => table.AddEntityAsync(entity, cancellationToken));

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken) =>
        Write(() => table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken));

    public Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        Write(() => table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));

    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureCreated().ConfigureAwait(false);
        await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task SubmitAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        TableTransactionRules.Check(operations);
        await EnsureCreated().ConfigureAwait(false);
        var actions = operations.Select(o => o.Kind switch
        {
            TableOperationKind.Add => new TableTransactionAction(TableTransactionActionType.Add, o.Entity),
            TableOperationKind.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, o.Entity, o.IfMatch),
            TableOperationKind.Upsert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, o.Entity),
            TableOperationKind.Merge => new TableTransactionAction(TableTransactionActionType.UpdateMerge, o.Entity, o.IfMatch),
            _ => new TableTransactionAction(TableTransactionActionType.Delete, o.Entity, o.IfMatch),
        });
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            throw new TableConflictException($"A conditional write in a transaction on table '{table.Name}' failed ({ex.Status}).", ex);
        }
    }

    public async Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCreated().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {query.PartitionKey}");
        if (query.RowKeyAfter is { } after)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        }

        if (query.RowKeyBefore is { } before)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {before}");
        }

        var found = new List<TableEntity>();
        var scanned = 0;
        string? last = null;
        var pageSize = Math.Clamp(query.PageSize ?? (query.Filter is null ? query.Take + 1 : query.Take * 4), 1, 1000);
        // The service returns only the selected properties: the keys must be selected too, or rows come back
        // without a row key and the continuation (the last row key read) is lost.
        var select = query.Select is null ? null : query.Select.Union(KeyColumns, StringComparer.Ordinal).ToList();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, pageSize, select, cancellationToken).ConfigureAwait(false))
        {
            if (found.Count >= query.Take || scanned >= query.MaxScanned)
            {
                return new TablePage(found, last);
            }

            scanned++;
            last = row.RowKey;
            if (query.Filter is null || query.Filter(row))
            {
                found.Add(row);
            }
        }

        return new TablePage(found, null);
    }

    // Created on first use; a failed attempt (storage unreachable at start) is retried by the next call instead of being cached.
    private Task EnsureCreated()
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = table.CreateIfNotExistsAsync();
            _created = created;
        }

        return created;
    }

    private async Task<ETag> Write(Func<Task<Response>> write)
    {
        await EnsureCreated().ConfigureAwait(false);
        try
        {
            var response = await write().ConfigureAwait(false);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            throw new TableConflictException($"A conditional write on table '{table.Name}' failed ({ex.Status}).", ex);
        }
    }
}
