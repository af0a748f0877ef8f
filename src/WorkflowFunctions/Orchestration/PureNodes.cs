using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Orchestration;

/// <summary>The orchestrator's use of the engine's pure evaluation: nodes evaluated in place and JSON input templates.</summary>
internal static class PureNodes
{
    public static bool IsPure(string nodeType) => PureNodeEvaluator.IsPure(nodeType);

    /// <exception cref="NodeEvaluationException">The node's configuration cannot be evaluated.</exception>
    public static NodeEvaluation Evaluate(
        NodeDefinition node,
        JsonNode? input,
        IReadOnlyDictionary<string, JsonNode?> nodes,
        IReadOnlyCollection<string> finishedPredecessors,
        int maxRenderedBytes) =>
        PureNodeEvaluator.Evaluate(node, new TemplateScope(input, nodes) { MaxRenderedBytes = maxRenderedBytes }, finishedPredecessors);

    /// <summary>
    /// Renders a JSON value whose strings may hold placeholders; a string that is one placeholder keeps the
    /// referenced value's JSON type. Null stays null.
    /// </summary>
    /// <exception cref="FormatException">A placeholder is malformed.</exception>
    /// <exception cref="TemplateOutputTooLargeException">The rendering passes <paramref name="maxRenderedBytes"/>.</exception>
    public static JsonNode? RenderJson(JsonNode? template, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> nodes, int maxRenderedBytes)
    {
        if (template is null)
        {
            return null;
        }

        return JsonTemplate.TryParse(template.ToJsonString(), out var parsed, out var error)
            ? parsed.RenderNode(new TemplateScope(input, nodes) { MaxRenderedBytes = maxRenderedBytes })
            : throw new FormatException(error);
    }
}
