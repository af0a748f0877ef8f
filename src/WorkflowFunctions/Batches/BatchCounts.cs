using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Batches;

/// <summary>
/// The per-status counts <c>GET /batches/{id}</c> reports. Counting reads the status of every item (ten table pages
/// for 10,000 items), so clients polling a large batch would cost the table ten requests per poll each. Counts of a
/// running batch are shared for <see cref="ApiOptions.BatchCountsMaxAgeMs"/> (requests arriving meanwhile, or
/// while a count is being read, get the same snapshot); counts of a batch whose orchestrator has completed it
/// (every item final, so they cannot change) are kept until evicted. A cancel forgets the batch's counts at once.
/// Per instance: another instance reads its own.
/// </summary>
public sealed class BatchCounts(TimeProvider time, IOptions<ApiOptions> options)
{
    /// <summary>Entries kept before old ones are dropped (counts are a few dozen bytes each).</summary>
    internal const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(string Account, string Batch), Entry> _entries = new();

    /// <summary>
    /// The batch's counts, read with <paramref name="count"/> unless a recent enough snapshot exists.
    /// <paramref name="completed"/>: the batch has completed (its counts are final).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> GetAsync(
        string accountId,
        string batchId,
        bool completed,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, int>>> count,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(count);
        var maxAge = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.BatchCountsMaxAgeMs));
        if (maxAge == TimeSpan.Zero)
        {
            return await count(cancellationToken).ConfigureAwait(false);
        }

        var key = (accountId, batchId);
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry) || !entry.Usable(now, maxAge, completed))
        {
            // The read is shared, so one caller giving up must not cancel it for the others; it starts only for
            // the entry that is kept, so requests racing here still read once.
            var fresh = new Entry(new Lazy<Task<IReadOnlyDictionary<string, int>>>(() => count(CancellationToken.None)), now, completed);
            entry = _entries.AddOrUpdate(key, fresh, (_, existing) => existing.Usable(now, maxAge, completed) ? existing : fresh);
            if (_entries.Count > MaxEntries)
            {
                Trim(now);
            }
        }

        try
        {
            return await entry.Counts.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed read is not kept for the next caller.
            _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Forgets the batch's counts (after a cancel changes them).</summary>
    public void Forget(string accountId, string batchId) => _entries.TryRemove((accountId, batchId), out _);

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.At > TimeSpan.FromMinutes(1))
            {
                _entries.TryRemove(key, out _);
            }
        }

        // Still over (a burst of distinct batches within a minute): drop the oldest, not everything.
        foreach (var (key, _) in _entries.OrderBy(e => e.Value.At).Take(_entries.Count - MaxEntries))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(Lazy<Task<IReadOnlyDictionary<string, int>>> Counts, DateTimeOffset At, bool Completed)
    {
        // A snapshot read before the batch completed is not its final count, however recent.
        public bool Usable(DateTimeOffset now, TimeSpan maxAge, bool completedNow) =>
            !(Counts.IsValueCreated && (Counts.Value.IsFaulted || Counts.Value.IsCanceled))
            && (Completed || (!completedNow && now - At < maxAge));
    }
}
