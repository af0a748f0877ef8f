using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Runs;

/// <summary>
/// The run index: one row per run in each partition a history query reads, so no query scans an account's
/// whole history to apply a filter.
/// <list type="table">
/// <item><term><c>a~{account}</c></term><description>every run; row key <c>{inverted created ticks}~{run}</c>, so pages come newest first and a created range is a row-key range.</description></item>
/// <item><term><c>w~{account}~{workflow}</c></term><description>the runs of one workflow, same row keys.</description></item>
/// <item><term><c>s~{account}~{bucket}</c></term><description>runs by status: <c>active</c> until they end, then <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>; same row keys.</description></item>
/// <item><term><c>b~{account}~{batch}</c></term><description>a batch's items by index (input, run ID, status).</description></item>
/// <item><term><c>c~{account}~{parent}</c></term><description>a run's sub-runs (only there: the account's history lists the runs callers started).</description></item>
/// </list>
/// A query reads the narrowest partition its filters allow (batch, then workflow, then status, then all) and
/// applies the remaining filters to that partition's rows only. Row keys of new runs sort before older ones, so
/// continuing after a cursor never repeats or skips a run while new runs arrive.
/// <para>
/// A batch item's <c>running</c> status is a concurrency slot, so a batch never reports more running items than
/// its concurrency: <see cref="StartBatchItemsAsync"/> gives the free slots of a starting segment to its first
/// items, and afterwards every item that ends hands its slot to the next queued item of the batch in the same
/// atomic write that records its end (<see cref="RecordCompletedAsync"/>). The batch segment starts its items in
/// that order, one for each run that ends, so the item holding a slot is the one it starts next.
/// </para>
/// </summary>
public sealed class RunIndex(StorageTables storage)
{
    private const string ActiveBucket = "active";
    private const int BatchTransactionBytes = 2 * 1024 * 1024;

    // How far past an ending item to look for the next queued one: well over two of the largest windows.
    private const int SlotSearchRows = 200;
    private const int SlotSearchPage = 64;
    private const int MaxSlotAttempts = 20;
    private readonly ITableStore _table = storage.Runs;
    private readonly LargeText _text = new(storage.Payloads, storage.Options.InlineTextLimit);

    /// <summary>
    /// Records a run that has been accepted and not ended. Idempotent: rows that already exist are kept, and a
    /// run that has already ended (a late or retried call) is not put back among the active runs.
    /// </summary>
    public async Task RecordQueuedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var key = TimeKey(run);
        var account = AccountPartition(run.AccountId);
        if (!await AddIfMissingAsync(Row(account, key, run), cancellationToken).ConfigureAwait(false) && await HasEndedAsync(account, key, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var writes = Partitions(run, ActiveBucket).Where(pk => pk != account).Select(pk => AddIfMissingAsync(Row(pk, key, run), cancellationToken));
        await Task.WhenAll(writes).ConfigureAwait(false);

        // A completion running concurrently writes its final rows before it deletes the active row, so it either
        // deleted ours or its account row is visible now: check once more so an ended run never stays active.
        if (await HasEndedAsync(account, key, cancellationToken).ConfigureAwait(false))
        {
            await _table.DeleteAsync(StatusPartition(run.AccountId, ActiveBucket), key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records how a run ended: every partition's row gets the final state, then the run leaves the active bucket
    /// (in that order, which <see cref="RecordQueuedAsync"/> relies on). A batch item that held a concurrency slot
    /// hands it to the next queued item of its batch in the same transaction, unless <paramref name="handOverSlot"/>
    /// is false (a cancelled batch's leftovers have nobody to hand it to).
    /// </summary>
    public async Task RecordCompletedAsync(RunRecord run, CancellationToken cancellationToken, bool handOverSlot = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        var writes = Partitions(run, run.Status).Select(pk => _table.UpsertAsync(Row(pk, TimeKey(run), run), cancellationToken)).ToList<Task>();
        if (run.BatchId is { } batch && run.BatchIndex is { } index)
        {
            writes.Add(CompleteBatchItemAsync(run, batch, index, handOverSlot, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
        if (run.ParentRunId is null)
        {
            await _table.DeleteAsync(StatusPartition(run.AccountId, ActiveBucket), TimeKey(run), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Items <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 that a batch segment is
    /// about to run, with their inputs: those not ended yet are recorded in the run history (as
    /// <see cref="RecordQueuedAsync"/> does, one transaction per partition), and the first <paramref name="slots"/>
    /// of them hold a concurrency slot (status <c>running</c>; an item already holding one keeps it). Items that
    /// have already ended are left out. <paramref name="template"/> gives every item's account, workflow, version,
    /// creation time and batch.
    /// </summary>
    public async Task<IReadOnlyList<BatchItem>> StartBatchItemsAsync(RunRecord template, int from, int count, int slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var batch = template.BatchId ?? throw new ArgumentException("The template names no batch.", nameof(template));
        var rows = await LoadBatchRowsAsync(template.AccountId, batch, from, count, cancellationToken).ConfigureAwait(false);
        var open = rows.Where(r => !RunStatuses.IsFinal(r.GetString("Status"))).ToList();
        if (open.Count == 0)
        {
            return [];
        }

        await RecordQueuedBatchItemsAsync([.. open.Select(r => template with { RunId = r.GetString("RunId"), Status = RunStatuses.Queued, BatchIndex = r.GetInt32("BatchIndex") })], cancellationToken).ConfigureAwait(false);
        var claims = open.Take(Math.Max(0, slots)).Where(r => r.GetString("Status") == RunStatuses.Queued).ToList();
        if (claims.Count > 0)
        {
            await ClaimSlotsAsync(claims, cancellationToken).ConfigureAwait(false);
        }

        var items = new List<BatchItem>(open.Count);
        foreach (var row in open)
        {
            var status = claims.Contains(row) ? RunStatuses.Running : row.GetString("Status") ?? RunStatuses.Queued;
            items.Add(new BatchItem(row.GetInt32("BatchIndex") ?? 0, row.GetString("RunId"), status, await _text.ReadAsync(row, "Input", cancellationToken).ConfigureAwait(false)));
        }

        return items;
    }

    public async Task<Page<RunRecord>> ListAsync(string accountId, RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statusMatches = query.Status is null ? (Func<string?, bool>)(_ => true)
            : RunStatuses.IsFinal(query.Status) ? s => s == query.Status
            : s => !RunStatuses.IsFinal(s);
        if (query.BatchId is { } batch)
        {
            var items = await _table.QueryAsync(
                new TableQuery(BatchPartition(accountId, batch))
                {
                    RowKeyAfter = query.After,
                    Take = query.Limit,
                    Filter = row => statusMatches(row.GetString("Status")) && InRange(row.GetDateTimeOffset("CreatedAt"), query),
                    Select = RecordColumns,
                },
                cancellationToken).ConfigureAwait(false);
            return new Page<RunRecord>(items.Rows.Select(r => ToRecord(accountId, r)).ToList(), items.ContinueAfter);
        }

        var partition = query.ParentRunId is { } parent ? ChildPartition(accountId, parent)
            : query.WorkflowId is { } workflow ? WorkflowPartition(accountId, workflow)
            : query.Status is { } status ? StatusPartition(accountId, RunStatuses.IsFinal(status) ? status : ActiveBucket)
            : AccountPartition(accountId);
        var lower = query.CreatedBefore is { } before ? StorageKeys.NewestFirst(before) + "~~" : null;
        var after = query.After is not null && (lower is null || string.CompareOrdinal(query.After, lower) > 0) ? query.After : lower;
        var page = await _table.QueryAsync(
            new TableQuery(partition)
            {
                RowKeyAfter = after,
                RowKeyBefore = query.CreatedAfter is { } since ? StorageKeys.NewestFirst(since) : null,
                Take = query.Limit,
                Filter = row => statusMatches(row.GetString("Status")),
            },
            cancellationToken).ConfigureAwait(false);
        return new Page<RunRecord>(page.Rows.Select(r => ToRecord(accountId, r)).ToList(), page.ContinueAfter);
    }

    /// <summary>
    /// Stores a batch's items (all or none is the caller's concern: items are written before the batch row that
    /// makes them visible). Transactions of up to 100 rows or 2 MB.
    /// </summary>
    public async Task AddBatchItemsAsync(string accountId, string batchId, string? workflowId, int? version, DateTimeOffset createdAt, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var partition = BatchPartition(accountId, batchId);
        var chunk = new List<TableOperation>();
        var bytes = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var row = new TableEntity(partition, StorageKeys.Number(i))
            {
                ["RunId"] = BatchRunId(batchId, i),
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
            if (chunk.Count == TableTransactionRules.MaxOperations || bytes + size > BatchTransactionBytes)
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

    /// <summary>Items <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1 with their inputs.</summary>
    public async Task<IReadOnlyList<BatchItem>> LoadBatchItemsAsync(string accountId, string batchId, int from, int count, CancellationToken cancellationToken)
    {
        var rows = await LoadBatchRowsAsync(accountId, batchId, from, count, cancellationToken).ConfigureAwait(false);
        var items = new List<BatchItem>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(new BatchItem(row.GetInt32("BatchIndex") ?? 0, row.GetString("RunId"), row.GetString("Status"), await _text.ReadAsync(row, "Input", cancellationToken).ConfigureAwait(false)));
        }

        return items;
    }

    /// <summary>One batch item's index row; null when the batch or index does not exist in the account.</summary>
    public async Task<RunRecord?> FindBatchItemAsync(string accountId, string batchId, int index, CancellationToken cancellationToken)
    {
        var row = await _table.GetAsync(BatchPartition(accountId, batchId), StorageKeys.Number(index), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(accountId, row);
    }

    /// <summary>How many of a batch's items are in each status (reads the status column of every item).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountBatchAsync(string accountId, string batchId, CancellationToken cancellationToken)
    {
        var counts = RunStatuses.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = await _table.QueryAsync(new TableQuery(BatchPartition(accountId, batchId)) { RowKeyAfter = after, Take = 1000, Select = ["Status"] }, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Marks the items of a cancelled batch that never ended as cancelled; returns how many it marked.</summary>
    public async Task<int> CancelPendingBatchItemsAsync(string accountId, string batchId, int from, string? reason, CancellationToken cancellationToken)
    {
        var marked = 0;
        string? after = from == 0 ? null : StorageKeys.Number(from - 1);
        do
        {
            var page = await _table.QueryAsync(new TableQuery(BatchPartition(accountId, batchId)) { RowKeyAfter = after, Take = 100, Filter = r => !RunStatuses.IsFinal(r.GetString("Status")) }, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            foreach (var row in page.Rows)
            {
                var record = ToRecord(accountId, row) with { Status = RunStatuses.Cancelled, CompletedAt = now, Error = reason ?? "The batch was cancelled before this item ran." };
                await RecordCompletedAsync(record, cancellationToken, handOverSlot: false).ConfigureAwait(false);
                marked++;
            }

            after = page.ContinueAfter ?? (page.Rows.Count == 100 ? page.Rows[^1].RowKey : null);
        }
        while (after is not null);
        return marked;
    }

    /// <summary>The run ID of a batch's item: the batch ID and the zero-based index, so it can be listed before the run starts.</summary>
    public static string BatchRunId(string batchId, int index) => batchId + "-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Splits a batch item's run ID; false for other runs.</summary>
    public static bool TryParseBatchRunId(string runId, out string batchId, out int index)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var dash = runId.LastIndexOf('-');
        batchId = dash > 0 ? runId[..dash] : string.Empty;
        index = -1;
        return dash > 0 && batchId.StartsWith("b_", StringComparison.Ordinal) && StorageKeys.IsKeySafe(batchId)
            && int.TryParse(runId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static readonly IReadOnlyList<string> RecordColumns =
        ["RunId", "WorkflowId", "Version", "Status", "CreatedAt", "StartedAt", "CompletedAt", "DurationMs", "TotalCost", "BatchId", "BatchIndex", "Error",
            "InputTokens", "OutputTokens", "ParentRunId", "Tags"];

    /// <summary>
    /// Writes a batch item's end on its row. When the item held a slot (it was <c>running</c>) and
    /// <paramref name="handOverSlot"/> is set, the next queued item of the batch gets the slot in the same
    /// transaction, so the batch's running count never rises above its concurrency, not even for a moment. An item
    /// that had already ended (a retried call) hands nothing over. Items ending at the same moment race on ETags.
    /// </summary>
    private async Task CompleteBatchItemAsync(RunRecord run, string batch, int index, bool handOverSlot, CancellationToken cancellationToken)
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

    /// <summary>
    /// The history rows (account, workflow, active bucket) of batch items about to start, one transaction per
    /// partition. When an account row already exists (a retried load) the items go through
    /// <see cref="RecordQueuedAsync"/> one by one, which never puts an ended run back among the active ones; when
    /// none existed, none of these runs has started yet, so none can have ended.
    /// </summary>
    private async Task RecordQueuedBatchItemsAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        foreach (var chunk in runs.Chunk(TableTransactionRules.MaxOperations))
        {
            var account = AccountPartition(chunk[0].AccountId);
            try
            {
                await _table.SubmitAsync([.. chunk.Select(r => TableOperation.Add(Row(account, TimeKey(r), r)))], cancellationToken).ConfigureAwait(false);
            }
            catch (TableConflictException)
            {
                await Task.WhenAll(chunk.Select(r => RecordQueuedAsync(r, cancellationToken))).ConfigureAwait(false);
                continue;
            }

            var others = Partitions(chunk[0], ActiveBucket).Where(pk => pk != account);
            await Task.WhenAll(others.Select(pk => AddAllIfMissingAsync([.. chunk.Select(r => Row(pk, TimeKey(r), r))], cancellationToken))).ConfigureAwait(false);
        }
    }

    private async Task AddAllIfMissingAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitAsync([.. rows.Select(TableOperation.Add)], cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            await Task.WhenAll(rows.Select(r => AddIfMissingAsync(r, cancellationToken))).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<TableEntity>> LoadBatchRowsAsync(string accountId, string batchId, int from, int count, CancellationToken cancellationToken) =>
        (await _table.QueryAsync(
            new TableQuery(BatchPartition(accountId, batchId))
            {
                RowKeyAfter = from == 0 ? null : StorageKeys.Number(from - 1),
                RowKeyBefore = StorageKeys.Number(from + count),
                Take = count,
            },
            cancellationToken).ConfigureAwait(false)).Rows;

    /// <summary>Adds the row; false when it already existed (a retried start, or a run that already ended: the existing row is newer).</summary>
    private async Task<bool> AddIfMissingAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableConflictException)
        {
            return false;
        }
    }

    private async Task<bool> HasEndedAsync(string accountPartition, string key, CancellationToken cancellationToken) =>
        RunStatuses.IsFinal((await _table.GetAsync(accountPartition, key, cancellationToken).ConfigureAwait(false))?.GetString("Status"));

    private static IEnumerable<string> Partitions(RunRecord run, string bucket)
    {
        if (run.ParentRunId is { } parent)
        {
            yield return ChildPartition(run.AccountId, parent);
            yield break;
        }

        yield return AccountPartition(run.AccountId);
        if (run.WorkflowId is { Length: > 0 } workflow)
        {
            yield return WorkflowPartition(run.AccountId, workflow);
        }

        yield return StatusPartition(run.AccountId, RunStatuses.IsFinal(bucket) ? bucket : ActiveBucket);
    }

    private static bool InRange(DateTimeOffset? created, RunQuery query) =>
        created is not { } c || ((query.CreatedAfter is null || c > query.CreatedAfter) && (query.CreatedBefore is null || c < query.CreatedBefore));

    private static string AccountPartition(string account) => "a~" + account;

    private static string WorkflowPartition(string account, string workflow) => "w~" + account + "~" + workflow;

    private static string StatusPartition(string account, string bucket) => "s~" + account + "~" + bucket;

    private static string BatchPartition(string account, string batch) => "b~" + account + "~" + batch;

    // Sub-run and parent ids hold ':' (allowed in keys; only '/', '\\', '#', '?' and control characters are not).
    private static string ChildPartition(string account, string parent) => "c~" + account + "~" + parent;

    private static string TimeKey(RunRecord run) => StorageKeys.NewestFirst(run.CreatedAt) + "~" + run.RunId;

    private static TableEntity Row(string partition, string rowKey, RunRecord run) => Fill(new TableEntity(partition, rowKey), run);

    private static TableEntity Fill(TableEntity row, RunRecord run)
    {
        row["RunId"] = run.RunId;
        row["Status"] = run.Status;
        row["CreatedAt"] = run.CreatedAt;
        Set(row, "WorkflowId", run.WorkflowId);
        Set(row, "Version", run.Version);
        Set(row, "StartedAt", run.StartedAt);
        Set(row, "CompletedAt", run.CompletedAt);
        Set(row, "DurationMs", run.DurationMs);
        Set(row, "TotalCost", run.TotalCost is { } cost ? (double)cost : null);
        Set(row, "BatchId", run.BatchId);
        Set(row, "BatchIndex", run.BatchIndex);
        Set(row, "Error", run.Error is { Length: > 1000 } e ? e[..1000] : run.Error);
        Set(row, "InputTokens", run.InputTokens);
        Set(row, "OutputTokens", run.OutputTokens);
        Set(row, "ParentRunId", run.ParentRunId);
        Set(row, "Tags", run.Tags is { Count: > 0 } tags ? JsonSerializer.Serialize(tags) : null);
        return row;
    }

    private static void Set(TableEntity row, string name, object? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }

    private static RunRecord ToRecord(string accountId, TableEntity row) => new()
    {
        AccountId = accountId,
        RunId = row.GetString("RunId"),
        WorkflowId = row.GetString("WorkflowId"),
        Version = row.GetInt32("Version"),
        Status = row.GetString("Status") ?? RunStatuses.Queued,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        StartedAt = row.GetDateTimeOffset("StartedAt"),
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        DurationMs = row.GetInt64("DurationMs"),
        TotalCost = row.GetDouble("TotalCost") is { } cost ? (decimal)cost : null,
        BatchId = row.GetString("BatchId"),
        BatchIndex = row.GetInt32("BatchIndex"),
        Error = row.GetString("Error"),
        InputTokens = row.GetInt64("InputTokens"),
        OutputTokens = row.GetInt64("OutputTokens"),
        ParentRunId = row.GetString("ParentRunId"),
        Tags = row.GetString("Tags") is { } tags ? JsonSerializer.Deserialize<Dictionary<string, string>>(tags) : null,
    };
}
