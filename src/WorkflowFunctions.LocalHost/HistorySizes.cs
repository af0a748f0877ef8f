using System.Collections.Concurrent;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// The most events each orchestration's history held, recorded as the backend stores each episode: what
/// benchmarks read to show that no history grows without bound (the in-memory backend cannot return a history).
/// Recorded only when <c>LocalHost:RecordHistorySizes</c> is true; it keeps one entry per instance ever run.
/// </summary>
public sealed class HistorySizes
{
    private readonly ConcurrentDictionary<string, int> _largest = new(StringComparer.Ordinal);

    /// <summary>The most events each instance's history held, by instance ID.</summary>
    public IReadOnlyDictionary<string, int> Largest => _largest;

    internal void Record(string instanceId, int events) =>
        _largest.AddOrUpdate(instanceId, events, (_, before) => Math.Max(before, events));

    /// <summary>Forgets every instance (between benchmark rounds).</summary>
    public void Clear() => _largest.Clear();
}
