using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Orchestration;

/// <summary>The orchestrator's use of the engine's pure evaluation: nodes evaluated in place and JSON input templates.</summary>
internal static class PureNodes
{
    /// <summary>Whether the node is evaluated in place (an <c>import-csv-node</c> only when it reads text).</summary>
    public static bool IsPure(NodeDefinition node) => PureNodeEvaluator.IsPure(node);

    /// <exception cref="NodeEvaluationException">The node's configuration cannot be evaluated.</exception>
    public static NodeEvaluation Evaluate(
        NodeDefinition node,
        TemplateScope scope,
        IReadOnlyCollection<string> finishedPredecessors,
        TableLimits limits) =>
        PureNodeEvaluator.Evaluate(node, scope, finishedPredecessors, limits);

    /// <summary>
    /// Renders a JSON value whose strings may hold placeholders; a string that is one placeholder keeps the
    /// referenced value's JSON type. Null stays null.
    /// </summary>
    /// <exception cref="FormatException">A placeholder is malformed.</exception>
    public static JsonNode? RenderJson(JsonNode? template, TemplateScope scope)
    {
        if (template is null)
        {
            return null;
        }

        return JsonTemplate.TryParse(template.ToJsonString(), out var parsed, out var error)
            ? parsed.RenderNode(scope)
            : throw new FormatException(error);
    }
}
