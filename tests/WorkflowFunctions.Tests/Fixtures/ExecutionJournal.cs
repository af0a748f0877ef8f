using System.Collections.Concurrent;
using System.Diagnostics;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>What the scripted executor saw: attempts and start/end timestamps per run and node, and rendezvous points.</summary>
internal sealed class ExecutionJournal
{
    private readonly ConcurrentDictionary<(string Run, string Node), NodeJournal> _nodes = new();
    private readonly ConcurrentDictionary<string, Rendezvous> _rendezvous = new();

    public NodeJournal For(string runId, string nodeId) => _nodes.GetOrAdd((runId, nodeId), _ => new NodeJournal());

    /// <summary>Completes once <paramref name="count"/> callers arrived at the same point, proving they ran at the same time.</summary>
    public Task ArriveAsync(string key, int count, CancellationToken cancellationToken)
    {
        var point = _rendezvous.GetOrAdd(key, _ => new Rendezvous(count));
        point.Arrive();
        return point.AllArrived.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    internal sealed class NodeJournal
    {
        private int _attempts;

        public int Attempts => _attempts;

        public long StartedAt { get; private set; }

        public long EndedAt { get; private set; }

        public int BeginAttempt()
        {
            StartedAt = Stopwatch.GetTimestamp();
            return Interlocked.Increment(ref _attempts);
        }

        public void End() => EndedAt = Stopwatch.GetTimestamp();
    }

    private sealed class Rendezvous(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task AllArrived => _all.Task;

        public void Arrive()
        {
            if (Interlocked.Increment(ref _arrived) >= count)
            {
                _all.TrySetResult();
            }
        }
    }
}
