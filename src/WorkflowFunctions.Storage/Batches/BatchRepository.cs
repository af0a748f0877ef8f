using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Batches;

/// <summary>Batch rows: partition = account, row key = batch ID. The items are <see cref="BatchItems"/>.</summary>
public sealed class BatchRepository(StorageTables storage)
{
    private readonly ITableStore _table = storage.Batches;

    public async Task AddAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _table.AddAsync(ToRow(batch), cancellationToken).ConfigureAwait(false);
    }

    public async Task<BatchRecord?> FindAsync(string accountId, string batchId, CancellationToken cancellationToken)
    {
        if (!StorageKeys.IsKeySafe(batchId))
        {
            return null;
        }

        var row = await _table.GetAsync(accountId, batchId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(accountId, row);
    }

    /// <summary>Records that the batch was cancelled or ended (every item final); a cancelled batch stays cancelled.</summary>
    public async Task SetStatusAsync(string accountId, string batchId, string status, DateTimeOffset? completedAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await _table.GetAsync(accountId, batchId, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return;
            }

            // A cancelled batch stays cancelled; finishing it only stamps the time.
            if (row.GetString("Status") != BatchStatuses.Cancelled)
            {
                row["Status"] = status;
            }

            if (completedAt is { } at)
            {
                row["CompletedAt"] = at;
            }

            try
            {
                await _table.ReplaceAsync(row, row.ETag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableConflictException) when (attempt < 10)
            {
            }
        }
    }

    private static TableEntity ToRow(BatchRecord b)
    {
        var row = new TableEntity(b.AccountId, b.Id)
        {
            ["WorkflowId"] = b.WorkflowId,
            ["Version"] = b.Version,
            ["Total"] = b.Total,
            ["Concurrency"] = b.Concurrency,
            ["Status"] = b.Status,
            ["CreatedAt"] = b.CreatedAt,
        };
        if (b.CompletedAt is { } completed)
        {
            row["CompletedAt"] = completed;
        }

        return row;
    }

    private static BatchRecord ToRecord(string accountId, TableEntity row) => new()
    {
        AccountId = accountId,
        Id = row.RowKey,
        WorkflowId = row.GetString("WorkflowId") ?? string.Empty,
        Version = row.GetInt32("Version") ?? 0,
        Total = row.GetInt32("Total") ?? 0,
        Concurrency = row.GetInt32("Concurrency") ?? 1,
        Status = row.GetString("Status") ?? BatchStatuses.Running,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
    };
}
