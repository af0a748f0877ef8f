using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// The one cache of prepared definitions, by content: what API requests prepare (a saved version on every run
/// start, a submitted definition) and what every orchestrator episode replays (parsing, cloning and compiling the
/// pinned definition each time was a large share of an episode's work). The key is a
/// SHA-256 of the definition's UTF-8 text and a hit is confirmed by comparing the text itself, so only an
/// identical text ever gets a cached plan; different texts never share one. The result depends on the text
/// alone, so a replay on another process or after eviction compiles exactly the same plan. Bounded: beyond
/// <see cref="Capacity"/> entries or <see cref="MaxTextBytes"/> of definition text the oldest are dropped, and a
/// definition larger than that budget is compiled without being cached. Definitions that fail to compile are not
/// cached.
/// </summary>
public sealed class DefinitionCache(int capacity, long maxTextBytes = DefinitionCache.DefaultMaxTextBytes)
{
    /// <summary>Room for the definitions of many concurrently running workflow versions.</summary>
    public const int DefaultCapacity = 256;

    /// <summary>The parsed tree is several times its text, so this keeps the cache to tens of MB even for huge graphs.</summary>
    public const long DefaultMaxTextBytes = 8 * 1024 * 1024;

    private readonly ConcurrentDictionary<UInt128, Entry> _entries = new();
    private readonly ConcurrentQueue<UInt128> _order = new();
    private long _textBytes;

    /// <summary>The process-wide cache the orchestrator uses.</summary>
    public static DefinitionCache Shared { get; } = new(DefaultCapacity);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public long MaxTextBytes { get; } = maxTextBytes > 0 ? maxTextBytes : throw new ArgumentOutOfRangeException(nameof(maxTextBytes));

    public int Count => _entries.Count;

    /// <summary>The UTF-8 size of the cached definitions' text.</summary>
    public long TextBytes => Interlocked.Read(ref _textBytes);

    /// <summary>The compiled form of the definition a run pinned, compiled on first use.</summary>
    /// <exception cref="InvalidOperationException">The definition cannot be compiled (or the element is undefined).</exception>
    /// <exception cref="JsonException">The definition is not JSON.</exception>
    public PreparedWorkflow Get(JsonElement definition)
    {
        var prepared = GetOrAdd(JsonMarshal.GetRawUtf8Value(definition), PreparedWorkflow.Compile);
        return prepared.IsCompiled ? prepared : PreparedWorkflow.Compile(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(definition)));
    }

    /// <summary>A definition as saved or submitted, prepared leniently (a draft gets its findings and no plan).</summary>
    public PreparedWorkflow Prepare(string definitionText)
    {
        ArgumentNullException.ThrowIfNull(definitionText);
        return GetOrAdd(Encoding.UTF8.GetBytes(definitionText), PreparedWorkflow.Prepare);
    }

    private PreparedWorkflow GetOrAdd(ReadOnlySpan<byte> text, Func<string, PreparedWorkflow> prepare)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        var key = MemoryMarshal.Read<UInt128>(hash);
        if (_entries.TryGetValue(key, out var cached))
        {
            // A different text with the same key is not expected to exist; it would simply not be cached.
            return text.SequenceEqual(cached.Text) ? cached.Prepared : prepare(Encoding.UTF8.GetString(text));
        }

        var entry = new Entry(text.ToArray(), prepare(Encoding.UTF8.GetString(text)));
        if (entry.Text.Length > MaxTextBytes)
        {
            return entry.Prepared;
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

        return text.SequenceEqual(winner.Text) ? winner.Prepared : entry.Prepared;
    }

    private sealed record Entry(byte[] Text, PreparedWorkflow Prepared);
}
