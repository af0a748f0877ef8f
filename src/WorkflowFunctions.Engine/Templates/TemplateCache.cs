using System.Collections.Concurrent;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// Parsed templates shared across runs, keyed by their text: a workflow's templates are parsed once per
/// process, not once per run or per orchestrator replay. Bounded so arbitrary user text cannot grow it forever.
/// </summary>
public static class TemplateCache
{
    private const int Capacity = 20_000;
    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

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

        if (Parsed.Count >= Capacity)
        {
            Parsed.Clear();
        }

        Parsed.TryAdd(text, template);
        return true;
    }
}
