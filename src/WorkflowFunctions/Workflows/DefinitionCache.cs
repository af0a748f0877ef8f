using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using WorkflowFunctions.Serialization;

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

    private readonly ContentCache<PreparedWorkflow> _cache = new(capacity, maxTextBytes);

    /// <summary>The process-wide cache the orchestrator uses.</summary>
    public static DefinitionCache Shared { get; } = new(DefaultCapacity);

    public int Capacity => _cache.Capacity;

    public long MaxTextBytes => _cache.MaxTextBytes;

    public int Count => _cache.Count;

    /// <summary>The UTF-8 size of the cached definitions' text.</summary>
    public long TextBytes => _cache.TextBytes;

    /// <summary>The compiled form of the definition a run pinned, compiled on first use.</summary>
    /// <exception cref="InvalidOperationException">The definition cannot be compiled (or the element is undefined).</exception>
    /// <exception cref="JsonException">The definition is not JSON.</exception>
    public PreparedWorkflow Get(JsonElement definition)
    {
        var prepared = _cache.GetOrAdd(JsonMarshal.GetRawUtf8Value(definition), text => PreparedWorkflow.Compile(Encoding.UTF8.GetString(text)));
        return prepared.IsCompiled ? prepared : PreparedWorkflow.Compile(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(definition)));
    }

    /// <summary>A definition as saved or submitted, prepared leniently (a draft gets its findings and no plan).</summary>
    public PreparedWorkflow Prepare(string definitionText)
    {
        ArgumentNullException.ThrowIfNull(definitionText);
        return _cache.GetOrAdd(Encoding.UTF8.GetBytes(definitionText), text => PreparedWorkflow.Prepare(Encoding.UTF8.GetString(text)));
    }
}
