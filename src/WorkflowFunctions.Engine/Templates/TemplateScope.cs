using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// What templates can see while a run executes: the run input, each finished node's record
/// <c>{ "result": { "content": ..., ... } }</c> keyed by node ID, the bare variables (input field IDs that are
/// not node IDs, see <see cref="TemplateVariables"/>) and, in row templates, the current row; and how large one
/// rendering may grow.
/// </summary>
public sealed class TemplateScope(JsonNode? input, IReadOnlyDictionary<string, JsonNode?> nodes)
{
    private static readonly IReadOnlySet<string> NoVariables = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The default of <see cref="MaxRenderedBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxRenderedBytes = 1024 * 1024;

    /// <summary>A scope with only an input.</summary>
    public TemplateScope(JsonNode? input)
        : this(input, new Dictionary<string, JsonNode?>(StringComparer.Ordinal))
    {
    }

    public JsonNode? Input { get; } = input;

    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; } = nodes;

    /// <summary>Roots that mean <c>input.&lt;root&gt;</c>: <c>{{ region }}</c> is <c>{{ input.region }}</c>.</summary>
    public IReadOnlySet<string> Variables { get; init; } = NoVariables;

    /// <summary>The current row (column ID to cell) while a row template renders; null elsewhere.</summary>
    public JsonObject? Row { get; init; }

    /// <summary>This scope with <paramref name="row"/> as the current row.</summary>
    public TemplateScope WithRow(JsonObject? row) => new(Input, Nodes) { Variables = Variables, Row = row, MaxRenderedBytes = MaxRenderedBytes };

    /// <summary>
    /// The largest text (UTF-8 bytes) one rendering may produce; a rendering that would pass it stops with
    /// <see cref="TemplateOutputTooLargeException"/>. Repeating a large value in a template multiplies memory otherwise.
    /// </summary>
    public int MaxRenderedBytes { get; init; } = DefaultMaxRenderedBytes;

    /// <summary>The record of a finished node, as templates see it: <c>{ "result": result }</c>.</summary>
    public static JsonObject NodeRecord(JsonNode? result) => new() { ["result"] = result?.DeepClone() };

    /// <summary>
    /// A copy holding only what <paramref name="references"/> read (each path's value, and the containers on the
    /// way to it), so a payload shipped once per row carries a few values instead of whole inputs and tables.
    /// Every reference renders the same against the slice as against this scope. Row references are not sliced:
    /// leave them out, they are resolved against each row.
    /// </summary>
    public TemplateScope Slice(IEnumerable<TemplateReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        JsonNode? input = null;
        var nodes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (reference.IsInput)
            {
                input = Graft(Input, input, reference.Path, 0);
            }
            else if (Nodes.TryGetValue(reference.Root, out var record))
            {
                nodes[reference.Root] = Graft(record, nodes.GetValueOrDefault(reference.Root), reference.Path, 0);
            }
            else if (Variables.Contains(reference.Root))
            {
                // A declared variable the input does not carry still renders empty, never as a node.
                variables.Add(reference.Root);
                if (Input is JsonObject fields && fields.ContainsKey(reference.Root))
                {
                    input = Graft(Input, input, [reference.Root, .. reference.Path], 0);
                }
            }
        }

        return new TemplateScope(input, nodes) { Variables = variables, Row = Row };
    }

    /// <summary>
    /// Copies the value at <paramref name="path"/> of <paramref name="source"/> into <paramref name="target"/>, a
    /// partial copy of the same source.
    /// </summary>
    private static JsonNode? Graft(JsonNode? source, JsonNode? target, IReadOnlyList<string> path, int depth)
    {
        if (depth == path.Count)
        {
            return source?.DeepClone();
        }

        var step = path[depth];
        switch (source)
        {
            case JsonObject obj when obj.TryGetPropertyValue(step, out var child):
            {
                var copy = target as JsonObject ?? new JsonObject();
                var existing = copy[step];
                var grafted = Graft(child, existing, path, depth + 1);
                if (!ReferenceEquals(existing, grafted) || !copy.ContainsKey(step))
                {
                    copy[step] = grafted;
                }

                return copy;
            }

            case JsonArray array when TemplateValues.TryIndex(step, out var index) && index < array.Count:
            {
                var copy = target as JsonArray ?? new JsonArray();
                while (copy.Count <= index)
                {
                    copy.Add(null);
                }

                var existing = copy[index];
                var grafted = Graft(array[index], existing, path, depth + 1);
                if (!ReferenceEquals(existing, grafted))
                {
                    copy[index] = grafted;
                }

                return copy;
            }

            default:
                return target;
        }
    }
}
