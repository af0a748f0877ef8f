using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// What templates can see while a run executes: the run input, and each finished node's record
/// <c>{ "result": { "content": ..., ... } }</c> keyed by node ID; and how large one rendering may grow.
/// </summary>
public sealed class TemplateScope(JsonNode? input, IReadOnlyDictionary<string, JsonNode?> nodes)
{
    /// <summary>The default of <see cref="MaxRenderedBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxRenderedBytes = 1024 * 1024;

    /// <summary>A scope with only an input.</summary>
    public TemplateScope(JsonNode? input)
        : this(input, new Dictionary<string, JsonNode?>(StringComparer.Ordinal))
    {
    }

    public JsonNode? Input { get; } = input;

    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; } = nodes;

    /// <summary>
    /// The largest text (UTF-8 bytes) one rendering may produce; a rendering that would pass it stops with
    /// <see cref="TemplateOutputTooLargeException"/>. Repeating a large value in a template multiplies memory otherwise.
    /// </summary>
    public int MaxRenderedBytes { get; init; } = DefaultMaxRenderedBytes;

    /// <summary>The record of a finished node, as templates see it: <c>{ "result": result }</c>.</summary>
    public static JsonObject NodeRecord(JsonNode? result) => new() { ["result"] = result?.DeepClone() };
}
