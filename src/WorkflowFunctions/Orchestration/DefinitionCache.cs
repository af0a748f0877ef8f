using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Compiled definitions by content: every orchestrator episode replays the run from the start, and parsing,
/// cloning and compiling the pinned definition each time was a large share of an episode's work. The key is a
/// SHA-256 of the definition's UTF-8 text and a hit is confirmed by comparing the text itself, so only an
/// identical text ever gets a cached plan; different texts never share one. The result depends on the text
/// alone, so a replay on another process or after eviction compiles exactly the same plan. Bounded: beyond
/// <see cref="Capacity"/> entries the oldest are dropped. Definitions that fail to compile are not cached.
/// </summary>
internal sealed class DefinitionCache(int capacity)
{
    /// <summary>Room for the definitions of many concurrently running workflow versions; a few MB at most.</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<UInt128, Entry> _entries = new();
    private readonly ConcurrentQueue<UInt128> _order = new();

    /// <summary>The process-wide cache the orchestrator uses.</summary>
    public static DefinitionCache Shared { get; } = new(DefaultCapacity);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _entries.Count;

    /// <summary>The compiled form of <paramref name="definition"/>, compiled on first use.</summary>
    /// <exception cref="InvalidOperationException">The definition cannot be compiled (or the element is undefined).</exception>
    /// <exception cref="JsonException">The definition is not JSON.</exception>
    public CompiledDefinition Get(JsonElement definition)
    {
        var text = JsonMarshal.GetRawUtf8Value(definition);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        var key = MemoryMarshal.Read<UInt128>(hash);
        if (_entries.TryGetValue(key, out var cached))
        {
            // A different text with the same key is not expected to exist; it would simply not be cached.
            return text.SequenceEqual(cached.Text) ? cached.Compiled : CompiledDefinition.Compile(Encoding.UTF8.GetString(text));
        }

        var entry = new Entry(text.ToArray(), CompiledDefinition.Compile(Encoding.UTF8.GetString(text)));
        var winner = _entries.GetOrAdd(key, entry);
        if (ReferenceEquals(winner, entry))
        {
            _order.Enqueue(key);
            while (_entries.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }

        return text.SequenceEqual(winner.Text) ? winner.Compiled : entry.Compiled;
    }

    private sealed record Entry(byte[] Text, CompiledDefinition Compiled);
}
