namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Tells whoever watches a run on this instance (its event streams' shared reader) that the run is about to change:
/// one of its node attempts ended here, an approval was sent, a sub-run ended. The change is visible once the
/// orchestration commits its next step, so a watcher re-reads at short, growing intervals until it sees it, instead
/// of at its next regular read. A hint, never the news itself: the run is always read from its orchestration.
/// Runs nobody watches cost a dictionary lookup.
/// </summary>
public sealed class RunChangeSignals
{
    private readonly Dictionary<string, List<Action>> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Calls <paramref name="changed"/> whenever the run is said to change, until disposed.</summary>
    public IDisposable Watch(string runId, Action changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            if (!_watchers.TryGetValue(runId, out var list))
            {
                list = [];
                _watchers[runId] = list;
            }

            list.Add(changed);
        }

        return new Registration(this, runId, changed);
    }

    public void Changed(string? runId)
    {
        if (runId is null)
        {
            return;
        }

        Action[] watchers;
        lock (_gate)
        {
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
