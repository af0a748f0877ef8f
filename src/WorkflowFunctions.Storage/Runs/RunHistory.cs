using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;
using static WorkflowFunctions.Storage.Runs.RunRows;

namespace WorkflowFunctions.Storage.Runs;

/// <summary>
/// The run history: one row per run in each partition a history query reads, so no query scans an account's
/// whole history to apply a filter. A batch's items by position are kept apart (<see cref="Batches.BatchItems"/>).
/// <list type="table">
/// <item><term><c>a~{account}</c></term><description>every run; row key <c>{inverted created ticks}~{run}</c>, so pages
/// come newest first and a created range is a row-key range.</description></item>
/// <item><term><c>w~{account}~{workflow}</c></term><description>the runs of one workflow, same row keys.</description></item>
/// <item><term><c>s~{account}~{bucket}</c></term><description>runs by status: <c>active</c> until they end, then
/// <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>; same row keys.</description></item>
/// <item><term><c>c~{account}~{parent}</c></term><description>a run's sub-runs (only there: the account's history
/// lists the runs callers started).</description></item>
/// </list>
/// A query reads the narrowest partition its filters allow (workflow, then status, then all) and applies the
/// remaining filters to that partition's rows only. Row keys of new runs sort before older ones, so continuing after
/// a cursor never repeats or skips a run while new runs arrive.
/// </summary>
public sealed class RunHistory : IAsyncDisposable
{
    private readonly ITableStore _table;
    private readonly GroupCommit<RunRecord> _queued;
    private readonly GroupCommit<RunRecord> _completed;

    public RunHistory(StorageTables storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Runs;
        _queued = new GroupCommit<RunRecord>(runs => RecordQueuedAsync(runs, CancellationToken.None));
        _completed = new GroupCommit<RunRecord>(runs => RecordCompletedAsync(runs, CancellationToken.None));
    }

    /// <summary>
    /// Records one run that has been scheduled and has not ended, as the overload for many does. Runs recorded
    /// concurrently share their writes: the runs that arrive while one write is in flight go together in the next,
    /// so under load a start costs a fraction of the four requests a lone one does. The token stops the wait only:
    /// <see cref="ListAsync"/> in this process waits for the write, and so does disposing (a graceful shutdown).
    /// </summary>
    public Task RecordQueuedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _queued.AddAsync(run, cancellationToken);
    }

    /// <summary>
    /// Records runs that have been scheduled and have not ended, with one transaction per partition for up to 100
    /// runs of an account (a partition's rows that already exist fall back to one add each) and one range query to
    /// find which of them have ended meanwhile. Idempotent: rows that already exist are kept, and a run that has
    /// already ended (a late or retried call) is not put back among the active runs.
    /// </summary>
    public async Task RecordQueuedAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Any(r => r.ParentRunId is not null))
        {
            throw new ArgumentException("Sub-runs are recorded in their parent's partition when they end.", nameof(runs));
        }

        // A transaction touches a row once: the same run handed over twice (a retry racing itself) is written once.
        var chunks = runs.DistinctBy(r => (r.AccountId, TimeKey(r)))
            .GroupBy(r => r.AccountId, StringComparer.Ordinal)
            .SelectMany(a => a.Chunk(TableTransactionRules.MaxOperations));
        await Task.WhenAll(chunks.Select(c => RecordQueuedChunkAsync(c, cancellationToken))).ConfigureAwait(false);
    }

    private async Task RecordQueuedChunkAsync(RunRecord[] runs, CancellationToken cancellationToken)
    {
        var partitions = runs.SelectMany(r => Partitions(r, ActiveBucket).Select(pk => Row(pk, TimeKey(r), r))).GroupBy(row => row.PartitionKey);
        await Task.WhenAll(partitions.Select(p => AddAllIfMissingAsync([.. p], cancellationToken))).ConfigureAwait(false);

        // A completion running concurrently writes its final rows before it deletes the active row: either it
        // deleted ours, or its account row is visible now. Look once, so an ended run never stays active.
        var active = StatusPartition(runs[0].AccountId, ActiveBucket);
        var ended = await EndedAsync(runs, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(ended.Select(key => _table.DeleteAsync(active, key, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Records how a run ended, as the overload for many does. Runs ending together share their writes (group
    /// commit, as queued runs do). A batch item's row by position is
    /// <see cref="Batches.BatchItems.RecordCompletedAsync"/>'s, which calls this too.
    /// </summary>
    public Task RecordCompletedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _completed.AddAsync(run, cancellationToken);
    }

    /// <summary>
    /// Records how runs ended: every partition's row of each gets its final state (one transaction per partition for
    /// up to 100 rows), then the runs leave the active bucket (one transaction per account for up to 100; when a row
    /// is already gone, one delete each). In that order, which
    /// <see cref="RecordQueuedAsync(IReadOnlyList{RunRecord}, CancellationToken)"/> relies on. A run given twice
    /// (a retry racing itself) is written as last given.
    /// </summary>
    public async Task RecordCompletedAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ended = runs.GroupBy(r => (r.AccountId, TimeKey(r))).Select(g => g.Last()).ToList();
        var finals = ended.SelectMany(r => Partitions(r, r.Status).Select(pk => Row(pk, TimeKey(r), r)));
        await Task.WhenAll(InTransactions(finals, TableOperation.Upsert).Select(t => _table.SubmitAsync(t, cancellationToken))).ConfigureAwait(false);

        // Sub-runs are only in their parent's partition: they never joined the active bucket.
        var active = ended.Where(r => r.ParentRunId is null).Select(r => new TableEntity(StatusPartition(r.AccountId, ActiveBucket), TimeKey(r)));
        var deletes = InTransactions(active, r => TableOperation.Delete(r.PartitionKey, r.RowKey, ETag.All));
        await Task.WhenAll(deletes.Select(t => DeleteAllAsync(t, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of an account's history, newest first. A query by batch is <see cref="Batches.BatchItems.ListAsync"/>'s.
    /// </summary>
    public async Task<Page<RunRecord>> ListAsync(string accountId, RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.BatchId is not null)
        {
            throw new ArgumentException("A batch's items are listed by BatchItems.", nameof(query));
        }

        // The runs this process accepted are listed once accepted: their queued rows may still be on their way.
        await _queued.WhenWrittenAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        var statusMatches = StatusFilter(query.Status);
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

    /// <summary>Waits for the rows handed over so far, so a graceful shutdown does not drop them.</summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_queued.WhenWrittenAsync(), _completed.WhenWrittenAsync()).ConfigureAwait(false);

    /// <summary>A status filter: any status, exactly a final one, or any that has not ended.</summary>
    internal static Func<string?, bool> StatusFilter(string? wanted) =>
        wanted is null ? _ => true
        : RunStatuses.IsFinal(wanted) ? s => s == wanted
        : s => !RunStatuses.IsFinal(s);

    // The rows' operations, one transaction per partition for up to 100 rows.
    private static IEnumerable<TableOperation[]> InTransactions(IEnumerable<TableEntity> rows, Func<TableEntity, TableOperation> operation) =>
        rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Select(operation).Chunk(TableTransactionRules.MaxOperations));

    private async Task DeleteAllAsync(TableOperation[] deletes, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitAsync(deletes, cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            await Task.WhenAll(deletes.Select(d => _table.DeleteAsync(d.Entity.PartitionKey, d.Entity.RowKey, cancellationToken))).ConfigureAwait(false);
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

    /// <summary>
    /// The row keys of those runs whose account row has a final state, read with one query of the row-key range
    /// their creation times span (newest first, so from the newest run's key to the oldest's).
    /// </summary>
    private async Task<List<string>> EndedAsync(RunRecord[] runs, CancellationToken cancellationToken)
    {
        var keys = runs.Select(TimeKey).ToHashSet(StringComparer.Ordinal);
        var query = new TableQuery(AccountPartition(runs[0].AccountId))
        {
            RowKeyAfter = StorageKeys.NewestFirst(runs.Max(r => r.CreatedAt)),
            RowKeyBefore = StorageKeys.NewestFirst(runs.Min(r => r.CreatedAt)) + "~~",
            Filter = row => keys.Contains(row.RowKey) && RunStatuses.IsFinal(row.GetString("Status")),
            Select = ["Status"],
            Take = keys.Count,
            PageSize = TableTransactionRules.MaxOperations,
        };
        var ended = new List<string>();
        do
        {
            var page = await _table.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            ended.AddRange(page.Rows.Select(r => r.RowKey));
            query = query with { RowKeyAfter = page.ContinueAfter };
        }
        while (query.RowKeyAfter is not null && ended.Count < keys.Count);

        return ended;
    }

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
}
