using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Slots;

/// <summary>
/// Per-workflow concurrency slots. A workflow's partition (<c>{account}~{workflow}</c>) holds a gate row (the cap in
/// force, how many runs hold a slot and how many wait), a row per holder (<c>h~{run}</c>) and a row per waiter in line
/// order (<c>q~{queued ticks}~{run}</c>). Every change is one transaction that includes the gate row under its ETag, so
/// the changes to one workflow's slots happen one at a time and the counters always match the rows; a run that ends
/// hands its slot to the oldest waiters in the same transaction that frees it. That transaction also marks the run ended
/// (<c>e~{queued ticks}~{run}</c>, kept <see cref="EndedKeptFor"/>): a claim of the run that runs again after it (an
/// activity executed twice around a crash, its first answer already used) finds the mark and undoes what it wrote.
/// </summary>
public sealed partial class RunSlots(StorageTables storage, TimeProvider time)
{
    /// <summary>Runs given a slot by one transaction: two operations each, besides the gate and the run's own row, within 100.</summary>
    public const int MaxPromotions = 40;

    /// <summary>How long a released run's ended mark is kept: far longer than a queue message can take to come back.</summary>
    public static readonly TimeSpan EndedKeptFor = TimeSpan.FromHours(1);

    private const string GateKey = "gate";
    private const string EndedPrefix = "e~";
    private const int MaxPrunes = 16;
    private const string HolderPrefix = "h~";
    private const string WaiterPrefix = "q~";
    private const int MaxAttempts = 50;
    private static readonly Task<TableEntity?> NoRow = Task.FromResult<TableEntity?>(null);
    private readonly ITableStore _table = storage.Slots;

    /// <summary>
    /// Gives the run a slot when one is free and nobody waits ahead of it; otherwise puts it in line (once: a claim made
    /// again finds its place) and answers its position. Waiters ahead of it that a free slot now lets start (the cap was
    /// raised, a holder was reaped) are given theirs in the same write and named in <see cref="SlotGrant.Promoted"/>.
    /// With <paramref name="known"/> (a re-check), the run's own rows are read first; a first claim reads only the gate
    /// (and its holder row before joining the line), and finds a place in line written by a call before it when its
    /// insert conflicts.
    /// </summary>
    public async Task<SlotGrant> AcquireAsync(SlotClaim claim, bool known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var queuedAt = claim.QueuedAt ?? throw new ArgumentException("A claim needs its place in line (QueuedAt).", nameof(claim));
        var partition = Partition(claim.AccountId, claim.WorkflowId);
        var ownKey = WaiterKey(queuedAt, claim.RunId);
        for (var attempt = 1; ; attempt++)
        {
            var readOwn = known || attempt > 1;
            var gateRead = _table.GetAsync(partition, GateKey, cancellationToken);
            var holderRead = readOwn ? _table.GetAsync(partition, HolderKey(claim.RunId), cancellationToken) : NoRow;
            var waiterRead = readOwn ? _table.GetAsync(partition, ownKey, cancellationToken) : NoRow;
            await Task.WhenAll(gateRead, holderRead, waiterRead).ConfigureAwait(false);
            if (holderRead.Result is not null)
            {
                // Already holding: a retried claim, or a re-check after a hand-over whose wake-up has not arrived.
                return SlotGrant.Holding(await PromotedByAsync(partition, claim.RunId, cancellationToken).ConfigureAwait(false));
            }

            var gate = Gate.Read(gateRead.Result, partition, claim);
            var waiter = waiterRead.Result;
            var line = new List<Candidate>();
            if (gate.Free > 0)
            {
                // Those ahead in line go first: the claiming run competes for the free slots with the oldest waiters.
                if (gate.Waiting > (waiter is null ? 0 : 1))
                {
                    var take = Math.Min(Math.Min(gate.Free, MaxPromotions), gate.Waiting);
                    line.AddRange(await OldestWaitersAsync(partition, take, cancellationToken).ConfigureAwait(false));
                }

                if (!line.Exists(c => c.RunId == claim.RunId))
                {
                    line.Add(new Candidate(ownKey, claim.RunId, waiter?.ETag));
                }

                line.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                line = line.Take(Math.Min(gate.Free, MaxPromotions)).ToList();
            }

            var held = line.Exists(c => c.RunId == claim.RunId);
            if (!held && !readOwn && await _table.GetAsync(partition, HolderKey(claim.RunId), cancellationToken).ConfigureAwait(false) is not null)
            {
                // About to join the line, but a call before this one already gave the run a slot (its answer was lost).
                // The reverse needs no read: a run already in line that takes a slot now is found among the oldest
                // waiters (and leaves the line), or others are ahead of it and its insert into the line conflicts.
                return SlotGrant.Holding(await PromotedByAsync(partition, claim.RunId, cancellationToken).ConfigureAwait(false));
            }

            if (!held && waiter is not null && line.Count == 0)
            {
                // Waiting, and nothing can move: no write at all.
                return SlotGrant.Waiting(await PositionOfAsync(partition, ownKey, cancellationToken).ConfigureAwait(false) ?? 0, []);
            }

            var operations = new List<TableOperation>();
            var (holding, waiting) = Promote(partition, line, claim.RunId, operations, gate.Holding, gate.Waiting);
            if (!held && waiter is null)
            {
                operations.Add(TableOperation.Add(WaiterRow(partition, ownKey, claim.RunId, queuedAt)));
                waiting++;
            }

            operations.Insert(0, gate.Write(holding, waiting));
            if (!await TrySubmitAsync(operations, attempt, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var promoted = line.Where(c => c.RunId != claim.RunId).Select(c => c.RunId).ToList();
            if (waiter is not null || line.Exists(c => c.RunId == claim.RunId && c.ETag is not null))
            {
                // The run's row in line was there under this gate: it has not ended (its release would have removed it).
                return held
                    ? SlotGrant.Holding(promoted)
                    : SlotGrant.Waiting(await PositionOfAsync(partition, ownKey, cancellationToken).ConfigureAwait(false) ?? 0, promoted);
            }

            // The run took a slot or a place in line. Its ended mark is read after that write: a release that came before
            // it wrote the mark, so a claim running again after its run ended (at-least-once) sees it and gives back what it
            // took; a release after it frees the row itself (and the give-back then finds nothing to do).
            var endedRead = _table.GetAsync(partition, EndedKey(queuedAt, claim.RunId), cancellationToken);
            var positionRead = held ? Task.FromResult<int?>(0) : PositionOfAsync(partition, ownKey, cancellationToken);
            await Task.WhenAll(endedRead, positionRead).ConfigureAwait(false);
            if (endedRead.Result is not null)
            {
                var handedOn = await ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
                return SlotGrant.Ended([.. promoted, .. handedOn]);
            }

            return held ? SlotGrant.Holding(promoted) : SlotGrant.Waiting(positionRead.Result ?? 0, promoted);
        }
    }

    /// <summary>
    /// Frees what the run has: a held slot goes to the oldest waiters the cap lets start (returned, to be woken), a place
    /// in line is given up (freeing nothing). A run that has neither (it never claimed, or a call before this one already
    /// released) writes nothing; it answers the runs its earlier release handed its slot to, so a retried release wakes
    /// them again. A release that frees something marks the run ended (when its place in line is known), and drops a few
    /// marks older than <see cref="EndedKeptFor"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReleaseAsync(SlotClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var partition = Partition(claim.AccountId, claim.WorkflowId);
        var now = time.GetUtcNow();
        var expiredRead = ExpiredMarksAsync(partition, now - EndedKeptFor, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // A run that ends normally holds a slot: its place in line is read only when it holds none.
            var gateRead = _table.GetAsync(partition, GateKey, cancellationToken);
            var holderRead = _table.GetAsync(partition, HolderKey(claim.RunId), cancellationToken);
            await Task.WhenAll(gateRead, holderRead).ConfigureAwait(false);
            if (gateRead.Result is null)
            {
                return [];
            }

            var gate = Gate.Read(gateRead.Result, partition, claim);
            var operations = new List<TableOperation>();
            List<Candidate> line = [];
            int holding, waiting;
            if (holderRead.Result is { } holder)
            {
                operations.Add(TableOperation.Delete(partition, holder.RowKey, holder.ETag));
                var free = Gate.FreeOf(gate.Limit, gate.Holding - 1);
                var take = Math.Min(Math.Min(free, MaxPromotions), gate.Waiting);
                line = take > 0 ? await OldestWaitersAsync(partition, take, cancellationToken).ConfigureAwait(false) : [];
                (holding, waiting) = Promote(partition, line, claim.RunId, operations, gate.Holding - 1, gate.Waiting);
            }
            else if (await WaiterAsync(partition, claim, cancellationToken).ConfigureAwait(false) is { } waiter)
            {
                operations.Add(TableOperation.Delete(partition, waiter.RowKey, waiter.ETag));
                (holding, waiting) = (gate.Holding, gate.Waiting - 1);
            }
            else
            {
                return await PromotedByAsync(partition, claim.RunId, cancellationToken).ConfigureAwait(false);
            }

            if (claim.QueuedAt is { } queuedAt)
            {
                operations.Add(TableOperation.Upsert(new TableEntity(partition, EndedKey(queuedAt, claim.RunId)) { ["RunId"] = claim.RunId, ["At"] = now }));
            }

            operations.Insert(0, gate.Write(holding, waiting));
            if (await TrySubmitAsync(operations, attempt, cancellationToken).ConfigureAwait(false))
            {
                await PruneAsync(await expiredRead.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return line.Select(c => c.RunId).ToList();
            }
        }
    }

    /// <summary>A few ended marks of runs that joined the line and ended over <see cref="EndedKeptFor"/> ago.</summary>
    private async Task<List<TableEntity>> ExpiredMarksAsync(string partition, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var page = await _table.QueryAsync(
            new TableQuery(partition)
            {
                RowKeyAfter = EndedPrefix,
                RowKeyBefore = EndedPrefix + before.UtcTicks.ToString("D19", CultureInfo.InvariantCulture),
                Filter = r => r.GetDateTimeOffset("At") is not { } at || at < before,
                Take = MaxPrunes,
                MaxScanned = 4 * MaxPrunes,
                Select = ["At"],
            },
            cancellationToken).ConfigureAwait(false);
        return page.Rows.ToList();
    }

    /// <summary>Drops expired ended marks; best effort (another release may have dropped them first).</summary>
    private async Task PruneAsync(List<TableEntity> expired, CancellationToken cancellationToken)
    {
        if (expired.Count == 0)
        {
            return;
        }

        try
        {
            await _table.SubmitAsync(expired.Select(r => TableOperation.Delete(r.PartitionKey, r.RowKey, r.ETag)).ToList(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Dropped by another release's prune: the next release finds whatever is left.
        }
    }

    /// <summary>The run's place in its workflow's line (1 is next), or null when it is not waiting.</summary>
    public Task<int?> PositionAsync(SlotClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var queuedAt = claim.QueuedAt ?? throw new ArgumentException("A position needs the claim's place in line (QueuedAt).", nameof(claim));
        return PositionOfAsync(Partition(claim.AccountId, claim.WorkflowId), WaiterKey(queuedAt, claim.RunId), cancellationToken);
    }

    /// <summary>
    /// Sets the workflow's cap as of <paramref name="at"/> (0: none), unless a newer reading is already in force. Runs
    /// waiting for a raised cap start at the next hand-over or re-check.
    /// </summary>
    public async Task SetLimitAsync(string accountId, string workflowId, int limit, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, workflowId);
        var claim = new SlotClaim(accountId, workflowId, string.Empty) { Limit = Math.Max(0, limit), LimitSetAt = at };
        for (var attempt = 1; ; attempt++)
        {
            var gate = Gate.Read(await _table.GetAsync(partition, GateKey, cancellationToken).ConfigureAwait(false), partition, claim);
            if (!gate.Changed)
            {
                return;
            }

            if (await TrySubmitAsync([gate.Write(gate.Holding, gate.Waiting)], attempt, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Claims the turn to look for leaked slots (holders whose runs have ended without freeing them) for the next
    /// <paramref name="interval"/>, so one waiter per workflow checks the holders at a time instead of every waiter.
    /// </summary>
    public async Task<bool> TryStartReapingAsync(string accountId, string workflowId, TimeSpan interval, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, workflowId);
        var gate = await _table.GetAsync(partition, GateKey, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (gate is null || gate.GetDateTimeOffset("ReapAfter") is { } after && after > now)
        {
            return false;
        }

        try
        {
            var turn = new TableEntity(partition, GateKey) { ["ReapAfter"] = now + interval };
            await _table.SubmitAsync([TableOperation.Merge(turn, gate.ETag)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableConflictException)
        {
            return false;
        }
    }

    /// <summary>The workflow's slots as stored: the cap, every holder and every waiter in line order (reads the whole partition).</summary>
    public async Task<SlotLine> ReadAsync(string accountId, string workflowId, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, workflowId);
        var gate = await _table.GetAsync(partition, GateKey, cancellationToken).ConfigureAwait(false);
        if (gate is null)
        {
            return SlotLine.Empty;
        }

        var holders = await ScanAsync(partition, HolderPrefix, null, cancellationToken).ConfigureAwait(false);
        var waiters = await ScanAsync(partition, WaiterPrefix, null, cancellationToken).ConfigureAwait(false);
        return new SlotLine(
            gate.GetInt32("Limit") ?? 0,
            gate.GetInt32("Holding") ?? 0,
            gate.GetInt32("Waiting") ?? 0,
            holders.Select(h => new SlotHolder(h.GetString("RunId"), h.GetDateTimeOffset("Since") ?? default)).ToList(),
            waiters.Select(w => w.GetString("RunId")).ToList());
    }

    /// <summary>The runs holding a slot of the workflow (for the reaper, which asks their orchestrations whether they still run).</summary>
    public async Task<IReadOnlyList<SlotHolder>> HoldersAsync(string accountId, string workflowId, CancellationToken cancellationToken) =>
        (await ScanAsync(Partition(accountId, workflowId), HolderPrefix, null, cancellationToken).ConfigureAwait(false))
            .Select(h => new SlotHolder(h.GetString("RunId"), h.GetDateTimeOffset("Since") ?? default))
            .ToList();

    /// <summary>
    /// Adds the operations that give each candidate a slot (in line order; a candidate with an ETag leaves the line)
    /// and returns the counters after them.
    /// </summary>
    private (int Holding, int Waiting) Promote(string partition, List<Candidate> line, string byRun, List<TableOperation> operations, int holding, int waiting)
    {
        var now = time.GetUtcNow();
        foreach (var candidate in line)
        {
            if (candidate.ETag is { } etag)
            {
                operations.Add(TableOperation.Delete(partition, candidate.Key, etag));
                waiting--;
            }

            var row = new TableEntity(partition, HolderKey(candidate.RunId)) { ["RunId"] = candidate.RunId, ["Since"] = now };
            if (candidate.RunId != byRun)
            {
                row["PromotedBy"] = byRun;
            }

            operations.Add(TableOperation.Add(row));
            holding++;
        }

        return (holding, waiting);
    }

    /// <summary>Submits; false after a conflict (another change to the workflow's slots came first), having waited a little.</summary>
    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableOperation> operations, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitAsync(operations, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableConflictException) when (attempt < MaxAttempts)
        {
            await Task.Delay(Random.Shared.Next(1, 10 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private async Task<List<Candidate>> OldestWaitersAsync(string partition, int count, CancellationToken cancellationToken)
    {
        var page = await _table.QueryAsync(
            new TableQuery(partition) { RowKeyAfter = WaiterPrefix, RowKeyBefore = End(WaiterPrefix), Take = count, Select = ["RunId"] },
            cancellationToken).ConfigureAwait(false);
        return page.Rows.Select(r => new Candidate(r.RowKey, r.GetString("RunId"), r.ETag)).ToList();
    }

    /// <summary>How many waiters stand before <paramref name="ownKey"/>, plus one; null when that row is not in line.</summary>
    private async Task<int?> PositionOfAsync(string partition, string ownKey, CancellationToken cancellationToken)
    {
        var rows = await ScanAsync(partition, WaiterPrefix, StorageKeys.End(ownKey), cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 && rows[^1].RowKey == ownKey ? rows.Count : null;
    }

    /// <summary>The claim's row in line: read at its place, or searched for when its place is unknown.</summary>
    private async Task<TableEntity?> WaiterAsync(string partition, SlotClaim claim, CancellationToken cancellationToken) =>
        claim.QueuedAt is { } queuedAt
            ? await _table.GetAsync(partition, WaiterKey(queuedAt, claim.RunId), cancellationToken).ConfigureAwait(false)
            : (await ScanAsync(partition, WaiterPrefix, null, cancellationToken, r => r.GetString("RunId") == claim.RunId).ConfigureAwait(false))
                .FirstOrDefault();

    private async Task<List<string>> PromotedByAsync(string partition, string runId, CancellationToken cancellationToken) =>
        (await ScanAsync(partition, HolderPrefix, null, cancellationToken, r => r.GetString("PromotedBy") == runId).ConfigureAwait(false))
            .Select(r => r.GetString("RunId"))
            .ToList();

    /// <summary>Every row of one prefix (up to an exclusive bound), with its RunId, Since and PromotedBy columns.</summary>
    private async Task<List<TableEntity>> ScanAsync(
        string partition, string prefix, string? before, CancellationToken cancellationToken, Func<TableEntity, bool>? filter = null)
    {
        var rows = new List<TableEntity>();
        string? after = prefix;
        var end = before ?? End(prefix);
        while (after is not null)
        {
            var page = await _table.QueryAsync(
                new TableQuery(partition) { RowKeyAfter = after, RowKeyBefore = end, Filter = filter, Select = ["RunId", "Since", "PromotedBy"] },
                cancellationToken).ConfigureAwait(false);
            rows.AddRange(page.Rows);
            after = page.ContinueAfter;
        }

        return rows;
    }

    private static string Partition(string accountId, string workflowId) => accountId + "~" + workflowId;

    private static string HolderKey(string runId) => HolderPrefix + runId;

    /// <summary>The exclusive end of a prefix's rows (<c>h~</c> .. <c>h~~</c>).</summary>
    private static string End(string prefix) => StorageKeys.End(prefix.TrimEnd('~'));

    private static string EndedKey(DateTimeOffset queuedAt, string runId) =>
        EndedPrefix + queuedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" + runId;

    private static string WaiterKey(DateTimeOffset queuedAt, string runId) =>
        WaiterPrefix + queuedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" + runId;

    private static TableEntity WaiterRow(string partition, string key, string runId, DateTimeOffset queuedAt) =>
        new(partition, key) { ["RunId"] = runId, ["QueuedAt"] = queuedAt };

    /// <summary>A run that may be given a slot: a waiter (with its row's ETag) or the claiming run itself (no row yet).</summary>
    private sealed record Candidate(string Key, string RunId, ETag? ETag);
}
