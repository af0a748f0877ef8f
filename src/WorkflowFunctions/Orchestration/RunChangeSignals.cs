using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Tells whoever watches a run (or a batch) on this instance, its event streams' shared reader, that it is about to
/// change: one of its node attempts ended here, an approval or cancel was sent, a sub-run or batch item ended. The
/// change is visible once the orchestration commits its next step, so a watcher re-reads at short, growing intervals
/// until it sees it, instead of at its next regular read. A hint, never the news itself: the run is always read from
/// its orchestration. A hint is remembered for <see cref="RememberFor"/>, so a watcher that starts a moment later (its
/// stream's first read came just before the hint) still reads soon. Runs nobody watches cost a dictionary entry for
/// those seconds (at most <see cref="MaxRemembered"/>).
/// </summary>
public sealed class RunChangeSignals(TimeProvider? time = null) : INodeAttemptObserver
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(5);
    public const int MaxRemembered = 10_000;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, List<Action>> _watchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _recentOrder = new();
    private readonly Lock _gate = new();

    /// <summary>Calls <paramref name="changed"/> whenever the run is said to change (at once when it was, just now), until disposed.</summary>
    public IDisposable Watch(string runId, Action changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        bool recent;
        lock (_gate)
        {
            if (!_watchers.TryGetValue(runId, out var list))
            {
                list = [];
                _watchers[runId] = list;
            }

            list.Add(changed);
            recent = _recent.TryGetValue(runId, out var at) && _time.GetUtcNow() - at < RememberFor;
        }

        if (recent)
        {
            changed();
        }

        return new Registration(this, runId, changed);
    }

    public void AttemptEnded(string runId) => Changed(runId);

    public void Changed(string? runId)
    {
        if (runId is null)
        {
            return;
        }

        Action[] watchers;
        lock (_gate)
        {
            Remember(runId);
            if (!_watchers.TryGetValue(runId, out var list))
            {
                return;
            }

            watchers = [.. list];
        }

        foreach (var watcher in watchers)
        {
            watcher();
        }
    }

    // Under the lock: notes the hint and forgets those too old or too many.
    private void Remember(string runId)
    {
        var now = _time.GetUtcNow();
        _recent[runId] = now;
        _recentOrder.Enqueue((runId, now));
        while (_recentOrder.TryPeek(out var oldest) && (_recentOrder.Count > MaxRemembered || now - oldest.At >= RememberFor))
        {
            _recentOrder.Dequeue();
            if (_recent.TryGetValue(oldest.Id, out var at) && at == oldest.At)
            {
                _recent.Remove(oldest.Id);
            }
        }
    }

    private void Remove(string runId, Action changed)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(runId, out var list) && list.Remove(changed) && list.Count == 0)
            {
                _watchers.Remove(runId);
            }
        }
    }

    private sealed class Registration(RunChangeSignals owner, string runId, Action changed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(runId, changed);
            }
        }
    }
}
