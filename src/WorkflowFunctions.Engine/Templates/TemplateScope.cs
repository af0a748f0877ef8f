using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// What templates can see while a run executes: the run input, and each finished node's record
/// <c>{ "result": { "content": ..., ... } }</c> keyed by node ID.
/// </summary>
public sealed class TemplateScope(JsonNode? input, IReadOnlyDictionary<string, JsonNode?> nodes)
{
    /// <summary>A scope with only an input.</summary>
    public TemplateScope(JsonNode? input)
        : this(input, new Dictionary<string, JsonNode?>(StringComparer.Ordinal))
    {
    }

    public JsonNode? Input { get; } = input;

    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; } = nodes;

    /// <summary>The record of a finished node, as templates see it: <c>{ "result": result }</c>.</summary>
    public static JsonObject NodeRecord(JsonNode? result) => new() { ["result"] = result?.DeepClone() };
}
