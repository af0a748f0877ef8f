using Microsoft.Extensions.Caching.Memory;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// Parsed templates shared across runs, keyed by their text: a workflow's templates are parsed once per
/// process, not once per run or per orchestrator replay. Bounded by the text it holds (<see cref="MaxCachedChars"/>),
/// so arbitrary user text cannot grow it forever; when full, the least recently used templates go first.
/// </summary>
public static class TemplateCache
{
    /// <summary>Characters of template text kept parsed (the parsed form is a few times the text).</summary>
    public const long MaxCachedChars = 16 * 1024 * 1024;

    private static readonly MemoryCache Parsed = new(new MemoryCacheOptions { SizeLimit = MaxCachedChars, CompactionPercentage = 0.25 });

    /// <summary>The parsed template for <paramref name="text"/>; throws <see cref="FormatException"/> on a syntax error.</summary>
    public static Template Get(string text) =>
        TryGet(text, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>The parsed template for <paramref name="text"/>, or false with the syntax error (errors are not cached).</summary>
    public static bool TryGet(string text, out Template template, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (Parsed.TryGetValue(text, out template!))
        {
            return true;
        }

        if (!Template.TryParse(text, out template, out error))
        {
            return false;
        }

        Parsed.Set(text, template, new MemoryCacheEntryOptions { Size = text.Length + 64 });
        return true;
    }
}
