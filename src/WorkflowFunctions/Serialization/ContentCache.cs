using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace WorkflowFunctions.Serialization;

/// <summary>
/// What was built from a UTF-8 text, cached by the text's content: the key is a SHA-256 of the text and a hit is
/// confirmed by comparing the text itself, so only an identical text ever gets a cached value, and a value that depends
/// on the text alone is the same whether it was cached, built again after an eviction or built on another process (what
/// lets orchestrator replays share it). Bounded: beyond <see cref="Capacity"/> entries or <see cref="MaxTextBytes"/> of
/// text the oldest are dropped, and a text larger than that budget is built without being cached.
/// </summary>
internal sealed class ContentCache<T>(int capacity, long maxTextBytes)
{
    private readonly ConcurrentDictionary<UInt128, Entry> _entries = new();
    private readonly ConcurrentQueue<UInt128> _order = new();
    private long _textBytes;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public long MaxTextBytes { get; } = maxTextBytes > 0 ? maxTextBytes : throw new ArgumentOutOfRangeException(nameof(maxTextBytes));

    public int Count => _entries.Count;

    /// <summary>The UTF-8 size of the cached texts.</summary>
    public long TextBytes => Interlocked.Read(ref _textBytes);

    /// <summary>
    /// The value built from <paramref name="text"/>, built with <paramref name="build"/> (given a copy of the text) on a
    /// miss. Whether to keep it is the caller's: <paramref name="keep"/> false leaves it out of the cache.
    /// </summary>
    public T GetOrAdd(ReadOnlySpan<byte> text, Func<byte[], T> build, Func<T, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        var key = MemoryMarshal.Read<UInt128>(hash);
        if (_entries.TryGetValue(key, out var cached))
        {
            // A different text with the same key is not expected to exist; it would simply not be cached.
            return text.SequenceEqual(cached.Text) ? cached.Value : build(text.ToArray());
        }

        var copy = text.ToArray();
        var entry = new Entry(copy, build(copy));
        if (entry.Text.Length > MaxTextBytes || (keep is not null && !keep(entry.Value)))
        {
            return entry.Value;
        }

        var winner = _entries.GetOrAdd(key, entry);
        if (ReferenceEquals(winner, entry))
        {
            Interlocked.Add(ref _textBytes, entry.Text.Length);
            _order.Enqueue(key);
            while ((_entries.Count > Capacity || TextBytes > MaxTextBytes) && _order.TryDequeue(out var oldest))
            {
                if (_entries.TryRemove(oldest, out var removed))
                {
                    Interlocked.Add(ref _textBytes, -removed.Text.Length);
                }
            }
        }

        return text.SequenceEqual(winner.Text) ? winner.Value : entry.Value;
    }

    private sealed record Entry(byte[] Text, T Value);
}
