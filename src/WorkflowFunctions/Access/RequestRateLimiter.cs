using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Access;

/// <summary>
/// Requests per API key per minute (<see cref="ApiOptions.RateLimitPerMinute"/>, per instance) in fixed one-minute
/// windows. A refused request learns how long its window has left, so <c>Retry-After</c> counts down to the reset
/// instead of always saying a minute. Windows of keys that stopped calling are dropped as new ones open, so memory
/// stays bounded by the keys active within a minute.
/// </summary>
public sealed class RequestRateLimiter(IOptions<ApiOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Counter> _windows = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    /// <summary>Null when the request may proceed; otherwise how long until the key's window resets (at least a second).</summary>
    public TimeSpan? TryAcquire(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var now = time.GetUtcNow();
        Sweep(now);
        var limit = Math.Max(1, options.Value.RateLimitPerMinute);
        var counter = _windows.GetOrAdd(keyId, _ => new Counter(now));
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                counter.Start = now;
                counter.Count = 0;
            }

            if (counter.Count < limit)
            {
                counter.Count++;
                return null;
            }

            var left = counter.Start + Window - now;
            return left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + Window.Ticks, next) != next)
        {
            return;
        }

        foreach (var (key, counter) in _windows)
        {
            if (now - counter.Start >= Window)
            {
                _windows.TryRemove(new KeyValuePair<string, Counter>(key, counter));
            }
        }
    }

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }
    }
}
