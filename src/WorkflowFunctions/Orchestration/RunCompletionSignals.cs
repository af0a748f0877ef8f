namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Wakes requests waiting for a run (long-poll, <c>?wait=</c>) the moment this instance records the run's end,
/// so they answer within milliseconds instead of at their next poll; the waiters present at that moment are
/// handed the recorded end itself (with the final result when the run carried it), so they need not wait for
/// the orchestration's last commit either. Runs finished by another instance reach their waiters through the
/// poll in <see cref="Runs.RunWaiter"/>. Subscriptions are counted, so a run nobody waits for leaves nothing behind
/// but a short-lived note without its result: the end is recorded a moment before the orchestration completes,
/// and a request that subscribes in that moment must still be woken, so ends are remembered for
/// <see cref="RememberFor"/> (at most <see cref="MaxRemembered"/> of them). Results are never kept beyond the
/// waiters that take them, so memory stays bounded by the requests in flight.
/// </summary>
public sealed class RunCompletionSignals(TimeProvider time)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);
    public const int MaxRemembered = 10_000;
    private readonly Dictionary<string, Waiters> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);
    private readonly Queue<(string RunId, DateTimeOffset At)> _endedOrder = new();
    private readonly Lock _gate = new();

    /// <summary>Subscribes to the run's end; dispose the subscription when no longer waiting.</summary>
    public Subscription Subscribe(string runId)
    {
        lock (_gate)
        {
            if (_ended.TryGetValue(runId, out var at) && time.GetUtcNow() - at < RememberFor)
            {
                // Ended just now: a subscription that is already signalled, registered nowhere.
                var ended = new Waiters { Count = 1 };
                ended.Completion.TrySetResult(null);
                return new Subscription(this, runId, ended);
            }

            if (!_waiting.TryGetValue(runId, out var waiters))
            {
                waiters = new Waiters();
                _waiting[runId] = waiters;
            }

            waiters.Count++;
            return new Subscription(this, runId, waiters);
        }
    }

    /// <summary>Wakes the run's waiters, handing them <paramref name="recorded"/> (null: woken to re-read the run).</summary>
    public void Signal(string runId, RecordedRunEnd? recorded = null)
    {
        Waiters? waiters;
        lock (_gate)
        {
            Remember(runId);
            if (!_waiting.Remove(runId, out waiters))
            {
                return;
            }
        }

        waiters.Completion.TrySetResult(recorded);
    }

    /// <summary>Whether this instance recorded the run's end within <see cref="RememberFor"/>.</summary>
    public bool HasEnded(string runId)
    {
        lock (_gate)
        {
            return _ended.TryGetValue(runId, out var at) && time.GetUtcNow() - at < RememberFor;
        }
    }

    /// <summary>How many runs have waiters (for tests and diagnostics).</summary>
    public int WaitedRuns
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    // Called under the lock: notes the end and forgets ends that are too old or too many.
    private void Remember(string runId)
    {
        var now = time.GetUtcNow();
        _ended[runId] = now;
        _endedOrder.Enqueue((runId, now));
        while (_endedOrder.TryPeek(out var oldest) && (_endedOrder.Count > MaxRemembered || now - oldest.At >= RememberFor))
        {
            _endedOrder.Dequeue();
            if (_ended.TryGetValue(oldest.RunId, out var at) && at == oldest.At)
            {
                _ended.Remove(oldest.RunId);
            }
        }
    }

    private void Release(string runId, Waiters waiters)
    {
        lock (_gate)
        {
            if (--waiters.Count == 0 && _waiting.TryGetValue(runId, out var current) && current == waiters)
            {
                _waiting.Remove(runId);
            }
        }
    }

    internal sealed class Waiters
    {
        public TaskCompletionSource<RecordedRunEnd?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }

    /// <summary>One waiter's interest in one run.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly RunCompletionSignals _owner;
        private readonly string _runId;
        private readonly Waiters _waiters;
        private bool _disposed;

        internal Subscription(RunCompletionSignals owner, string runId, Waiters waiters)
        {
            _owner = owner;
            _runId = runId;
            _waiters = waiters;
        }

        /// <summary>
        /// Completes when the run's end is recorded on this instance: with the recorded end for a waiter that was
        /// subscribed when it was recorded, null for one that subscribed just after (or a wake without a record).
        /// </summary>
        public Task<RecordedRunEnd?> Signalled => _waiters.Completion.Task;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _owner.Release(_runId, _waiters);
            }
        }
    }
}
