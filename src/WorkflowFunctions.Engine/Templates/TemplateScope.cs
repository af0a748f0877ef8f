using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// What templates can see while a run executes: the run input, and each finished node's record
/// <c>{ "result": { "content": ..., ... } }</c> keyed by node ID.
/// </summary>
public sealed class TemplateScope(JsonNode? input, IReadOnlyDictionary<string, JsonNode?> nodes)
{
    public JsonNode? Input { get; } = input;

    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; } = nodes;
}
