using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Orchestration;

/// <summary>The orchestrator's view of the engine's pure node evaluation and JSON templates.</summary>
internal static class PureNodes
{
    public static bool IsPure(string nodeType) => throw new NotSupportedException(nodeType);

    public static (JsonObject Result, Branch Branch) Evaluate(
        NodeDefinition node,
        JsonNode? input,
        IReadOnlyDictionary<string, JsonNode?> nodes,
        IReadOnlyCollection<string> finishedPredecessors) => throw new NotSupportedException(node?.Type);

    public static JsonNode? RenderJson(JsonNode? template, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> nodes) =>
        throw new NotSupportedException();
}
