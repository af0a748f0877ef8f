using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Tables;
using static WorkflowFunctions.Storage.Runs.RunRows;

namespace WorkflowFunctions.Storage.Batches;

/// <summary>
/// A batch's items by position, in partition <c>b~{account}~{batch}</c> of the runs table: input, run ID and status,
/// row key the zero-based index. An item that starts joins the run history (<see cref="RunHistory"/>) too.
/// <para>
/// An item's <c>running</c> status is a concurrency slot, so a batch never reports more running items than its
/// concurrency: <see cref="StartAsync"/> gives the free slots of a starting segment to its first items, and afterwards
/// every item that ends hands its slot to the next queued item of the batch in the same atomic write that records its
/// end (<see cref="RecordCompletedAsync"/>). The batch segment starts its items in that order, one for each run that
/// ends, so the item holding a slot is the one it starts next.
/// </para>
/// </summary>
public sealed class BatchItems(StorageTables storage, RunHistory history)
{
    private const int TransactionBytes = 2 * 1024 * 1024;

    // How far past an ending item to look for the next queued one: well over two of the largest windows.
    private const int SlotSearchRows = 200;
    private const int SlotSearchPage = 64;
    private const int MaxSlotAttempts = 20;
    private readonly ITableStore _table = storage.Runs;
    private readonly LargeText _text = new(storage.Payloads, storage.Options.InlineTextLimit);

    /// <summary>The run ID of a batch's item: the batch ID and the zero-based index, so it can be listed before the run starts.</summary>
    public static string RunId(string batchId, int index) => batchId + "-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Splits a batch item's run ID; false for other runs.</summary>
    public static bool TryParseRunId(string runId, out string batchId, out int index)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var dash = runId.LastIndexOf('-');
        batchId = dash > 0 ? runId[..dash] : string.Empty;
        index = -1;
        return dash > 0 && batchId.StartsWith("b_", StringComparison.Ordinal) && StorageKeys.IsKeySafe(batchId)
            && int.TryParse(runId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>
    /// Stores a batch's items (all or none is the caller's concern: items are written before the batch row that
    /// makes them visible). Transactions of up to 100 rows or 2 MB.
    /// </summary>
    public async Task AddAsync(
        string accountId,
        string batchId,
        string? workflowId,
        int? version,
        DateTimeOffset createdAt,
        IReadOnlyList<string> inputs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var partition = BatchPartition(accountId, batchId);
        var chunk = new List<TableOperation>();
        var bytes = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var row = new TableEntity(partition, StorageKeys.Number(i))
            {
                ["RunId"] = RunId(batchId, i),
                ["Status"] = RunStatuses.Queued,
                ["CreatedAt"] = createdAt,
                ["BatchId"] = batchId,
                ["BatchIndex"] = i,
            };
            if (workflowId is not null)
            {
                row["WorkflowId"] = workflowId;
            }

            if (version is not null)
            {
                row["Version"] = version.Value;
            }

            await _text.WriteAsync(row, "Input", inputs[i], $"batches/{accountId}/{batchId}/{i}.json", cancellationToken).ConfigureAwait(false);
            var size = Math.Min(inputs[i].Length, storage.Options.InlineTextLimit) * 2 + 512;
            if (chunk.Count == TableTransactionRules.MaxOperations || bytes + size > TransactionBytes)
            {
                await _table.SubmitAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk = [];
                bytes = 0;
            }

            chunk.Add(TableOperation.Upsert(row));
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            await _table.SubmitAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Items <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 that a batch segment is
    /// about to run, with their inputs: those not ended yet are recorded in the run history
    /// (<see cref="RunHistory.RecordQueuedAsync(IReadOnlyList{RunRecord}, CancellationToken)"/>, one transaction per
    /// partition), and the first <paramref name="slots"/> of them hold a concurrency slot (status <c>running</c>; an
    /// item already holding one keeps it). Items that have already ended are left out. <paramref name="template"/> gives every item's account,
    /// workflow, version, creation time and batch.
    /// </summary>
    public async Task<IReadOnlyList<BatchItem>> StartAsync(RunRecord template, int from, int count, int slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var batch = template.BatchId ?? throw new ArgumentException("The template names no batch.", nameof(template));
        var rows = await LoadRowsAsync(template.AccountId, batch, from, count, cancellationToken).ConfigureAwait(false);
        var open = rows.Where(r => !RunStatuses.IsFinal(r.GetString("Status"))).ToList();
        if (open.Count == 0)
        {
            return [];
        }

        var queued = open.Select(r => template with { RunId = r.GetString("RunId"), Status = RunStatuses.Queued, BatchIndex = r.GetInt32("BatchIndex") });
        await history.RecordQueuedAsync([.. queued], cancellationToken).ConfigureAwait(false);
        var claims = open.Take(Math.Max(0, slots)).Where(r => r.GetString("Status") == RunStatuses.Queued).ToList();
        if (claims.Count > 0)
        {
            await ClaimSlotsAsync(claims, cancellationToken).ConfigureAwait(false);
        }

        var items = new List<BatchItem>(open.Count);
        foreach (var row in open)
        {
            var status = claims.Contains(row) ? RunStatuses.Running : row.GetString("Status") ?? RunStatuses.Queued;
            items.Add(await ItemAsync(row, status, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    /// <summary>Items <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 with their inputs.</summary>
    public async Task<IReadOnlyList<BatchItem>> LoadAsync(string accountId, string batchId, int from, int count, CancellationToken cancellationToken)
    {
        var rows = await LoadRowsAsync(accountId, batchId, from, count, cancellationToken).ConfigureAwait(false);
        var items = new List<BatchItem>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(await ItemAsync(row, row.GetString("Status") ?? RunStatuses.Queued, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    /// <summary>One item's row; null when the batch or index does not exist in the account.</summary>
    public async Task<RunRecord?> FindAsync(string accountId, string batchId, int index, CancellationToken cancellationToken)
    {
        var row = await _table.GetAsync(BatchPartition(accountId, batchId), StorageKeys.Number(index), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(accountId, row);
    }

    /// <summary>
    /// A page of a batch's items in index order, filtered by the query's status and created range (its workflow and
    /// parent filters do not apply: a batch runs one workflow).
    /// </summary>
    public async Task<Page<RunRecord>> ListAsync(string accountId, string batchId, RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statusMatches = RunHistory.StatusFilter(query.Status);
        var items = await _table.QueryAsync(
            new TableQuery(BatchPartition(accountId, batchId))
            {
                RowKeyAfter = query.After,
                Take = query.Limit,
                Filter = row => statusMatches(row.GetString("Status")) && InRange(row.GetDateTimeOffset("CreatedAt"), query),
                Select = RecordColumns,
            },
            cancellationToken).ConfigureAwait(false);
        return new Page<RunRecord>(items.Rows.Select(r => ToRecord(accountId, r)).ToList(), items.ContinueAfter);
    }

    /// <summary>How many of a batch's items are in each status (reads the status column of every item).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAsync(string accountId, string batchId, CancellationToken cancellationToken)
    {
        var counts = RunStatuses.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        string? after = null;
        do
        {
            var query = new TableQuery(BatchPartition(accountId, batchId)) { RowKeyAfter = after, Take = 1000, Select = ["Status"] };
            var page = await _table.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Rows)
            {
                var status = row.GetString("Status") ?? RunStatuses.Queued;
                counts[status] = counts.GetValueOrDefault(status) + 1;
            }

            after = page.Rows.Count == 0 ? null : page.ContinueAfter ?? (page.Rows.Count == 1000 ? page.Rows[^1].RowKey : null);
        }
        while (after is not null);
        return counts;
    }

    /// <summary>
    /// Records how a batch item ended, on its row and in the run history
    /// (<see cref="RunHistory.RecordCompletedAsync(RunRecord, CancellationToken)"/>).
    /// When the item held a slot (it was <c>running</c>) and <paramref name="handOverSlot"/> is set, the next queued item
    /// of the batch gets the slot in the same transaction, so the batch's running count never rises above its
    /// concurrency, not even for a moment; a cancelled batch's leftovers have nobody to hand it to. An item that had
    /// already ended (a retried call) hands nothing over. Items ending at the same moment race on ETags.
    /// </summary>
    public async Task RecordCompletedAsync(RunRecord run, CancellationToken cancellationToken, bool handOverSlot = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.BatchId is not { } batch || run.BatchIndex is not { } index)
        {
            throw new ArgumentException("The run is no batch item.", nameof(run));
        }

        await Task.WhenAll(
            history.RecordCompletedAsync(run, cancellationToken),
            CompleteRowAsync(run, batch, index, handOverSlot, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Marks the items of a cancelled batch that never ended as cancelled; returns how many it marked.</summary>
    public async Task<int> CancelPendingAsync(string accountId, string batchId, int from, string? reason, CancellationToken cancellationToken)
    {
        var marked = 0;
        string? after = from == 0 ? null : StorageKeys.Number(from - 1);
        do
        {
            var query = new TableQuery(BatchPartition(accountId, batchId))
            {
                RowKeyAfter = after,
                Take = 100,
                Filter = r => !RunStatuses.IsFinal(r.GetString("Status")),
            };
            var page = await _table.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            foreach (var row in page.Rows)
            {
                var record = ToRecord(accountId, row) with
                {
                    Status = RunStatuses.Cancelled,
                    CompletedAt = now,
                    Error = reason ?? "The batch was cancelled before this item ran.",
                };
                await RecordCompletedAsync(record, cancellationToken, handOverSlot: false).ConfigureAwait(false);
                marked++;
            }

            after = page.ContinueAfter ?? (page.Rows.Count == 100 ? page.Rows[^1].RowKey : null);
        }
        while (after is not null);
        return marked;
    }

    private async Task<BatchItem> ItemAsync(TableEntity row, string status, CancellationToken cancellationToken) =>
        new(row.GetInt32("BatchIndex") ?? 0, row.GetString("RunId"), status, await _text.ReadAsync(row, "Input", cancellationToken).ConfigureAwait(false));

    private async Task CompleteRowAsync(RunRecord run, string batch, int index, bool handOverSlot, CancellationToken cancellationToken)
    {
        var partition = BatchPartition(run.AccountId, batch);
        var key = StorageKeys.Number(index);
        for (var attempt = 1; ; attempt++)
        {
            // The item's row and the first queued item after it: the segment has started every earlier item, so that
            // is the one it starts next. The items in between are running or ended, at most a window of them unless
            // the batch was cancelled (then nothing is handed over beyond the search).
            var page = await _table.QueryAsync(
                new TableQuery(partition)
                {
                    RowKeyAfter = index == 0 ? null : StorageKeys.Number(index - 1),
                    Filter = row => row.RowKey == key || row.GetString("Status") == RunStatuses.Queued,
                    Take = handOverSlot ? 2 : 1,
                    MaxScanned = SlotSearchRows,
                    PageSize = SlotSearchPage,
                    Select = ["Status"],
                },
                cancellationToken).ConfigureAwait(false);
            var own = page.Rows.FirstOrDefault(r => r.RowKey == key);
            if (own is null)
            {
                return;
            }

            var operations = new List<TableOperation> { TableOperation.Merge(Fill(new TableEntity(partition, key), run), own.ETag) };
            if (handOverSlot && own.GetString("Status") == RunStatuses.Running && page.Rows.FirstOrDefault(r => r.RowKey != key) is { } next)
            {
                operations.Add(TableOperation.Merge(new TableEntity(partition, next.RowKey) { ["Status"] = RunStatuses.Running }, next.ETag));
            }

            try
            {
                await _table.SubmitAsync(operations, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableConflictException) when (attempt < MaxSlotAttempts)
            {
                // Another item ended at the same moment and took that successor, or this row changed: read again.
            }
        }
    }

    /// <summary>Marks queued rows running in one transaction; when one changed meanwhile, each is claimed on its own.</summary>
    private async Task ClaimSlotsAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitAsync([.. rows.Select(r => RunningRow(r, r.ETag))], cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (TableConflictException)
        {
            // A retried load, or an item that ended handed its slot to one of these.
        }

        foreach (var row in rows)
        {
            for (var attempt = 1; attempt <= MaxSlotAttempts; attempt++)
            {
                var current = await _table.GetAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
                if (current is null || current.GetString("Status") != RunStatuses.Queued)
                {
                    break;
                }

                try
                {
                    await _table.SubmitAsync([RunningRow(current, current.ETag)], cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (TableConflictException)
                {
                    // Changed again between the read and the write: read again.
                }
            }
        }
    }

    private static TableOperation RunningRow(TableEntity row, ETag ifMatch) =>
        TableOperation.Merge(new TableEntity(row.PartitionKey, row.RowKey) { ["Status"] = RunStatuses.Running }, ifMatch);

    private async Task<IReadOnlyList<TableEntity>> LoadRowsAsync(string accountId, string batchId, int from, int count, CancellationToken cancellationToken) =>
        (await _table.QueryAsync(
            new TableQuery(BatchPartition(accountId, batchId))
            {
                RowKeyAfter = from == 0 ? null : StorageKeys.Number(from - 1),
                RowKeyBefore = StorageKeys.Number(from + count),
                Take = count,
            },
            cancellationToken).ConfigureAwait(false)).Rows;

    private static bool InRange(DateTimeOffset? created, RunQuery query) =>
        created is not { } c || ((query.CreatedAfter is null || c > query.CreatedAfter) && (query.CreatedBefore is null || c < query.CreatedBefore));
}
