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
    public static Template Get(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Parsed.TryGetValue(text, out var template))
        {
            return template;
        }

        template = Template.Parse(text);
        if (Parsed.Count >= Capacity)
        {
            Parsed.Clear();
        }

        Parsed.TryAdd(text, template);
        return template;
    }
}
