using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Evaluation;

/// <summary>
/// Evaluates the nodes that need no I/O (trigger, if-else, output, filter-rows, and import-csv from text) so an
/// orchestrator can run them in place. Results follow reference 003: an object with a string <c>content</c>, plus
/// node-specific fields; table results are tables (<see cref="TableValue"/>).
/// </summary>
public static class PureNodeEvaluator
{
    /// <summary>The field of the run input that holds a plain-text body.</summary>
    public const string RawInputField = "__raw_input__";

    /// <summary>Whether every node of a type is evaluated in place rather than by an executor.</summary>
    public static bool IsPure(string nodeType) =>
        nodeType is NodeTypes.Trigger or NodeTypes.IfElse or NodeTypes.Output or NodeTypes.FilterRows;

    /// <summary>Whether this node is evaluated in place: a pure type, or an <c>import-csv-node</c> that reads <c>text</c>.</summary>
    public static bool IsPure(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return IsPure(node.Type) || (node.Type == NodeTypes.ImportCsv && !TableNodes.FetchesUrl(node));
    }

    /// <summary>
    /// Evaluates a pure node. <paramref name="finishedPredecessors"/> are the node's direct predecessors that
    /// finished (in the order their content should be joined), used by an output node without a template.
    /// </summary>
    /// <exception cref="NodeEvaluationException">The node's configuration cannot be evaluated.</exception>
    public static NodeEvaluation Evaluate(
        NodeDefinition node,
        TemplateScope scope,
        IReadOnlyCollection<string> finishedPredecessors,
        TableLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(finishedPredecessors);
        return node.Type switch
        {
            NodeTypes.Trigger => Trigger(scope),
            NodeTypes.IfElse => IfElse(node, scope),
            NodeTypes.Output => Output(node, scope, finishedPredecessors),
            NodeTypes.FilterRows => new NodeEvaluation(TableNodes.Filter(node, scope), Branch.None),
            NodeTypes.ImportCsv when !TableNodes.FetchesUrl(node) =>
                new NodeEvaluation(TableNodes.ImportText(node, scope, limits ?? TableLimits.Default), Branch.None),
            _ => throw new NodeEvaluationException($"Node '{node.Id}' of type '{node.Type}' is not a pure node."),
        };
    }

    private static NodeEvaluation Trigger(TemplateScope scope)
    {
        // A plain-text run's trigger outputs the text itself; structured input outputs its compact JSON.
        var content = scope.Input is JsonObject { Count: 1 } obj && obj[RawInputField] is JsonValue raw && raw.GetValueKind() == JsonValueKind.String
            ? TemplateValues.ToText(raw)
            : scope.Input is null ? string.Empty : TemplateValues.ToCompactJson(scope.Input);
        return new NodeEvaluation(new JsonObject { ["content"] = content, ["input"] = scope.Input?.DeepClone() }, Branch.None);
    }

    private static NodeEvaluation IfElse(NodeDefinition node, TemplateScope scope)
    {
        if (!Condition.TryParse(node.Data["condition"], out var condition, out var error))
        {
            throw new NodeEvaluationException($"If-else node '{node.Id}': {error}");
        }

        var left = Render(node, "condition.left", condition.Left, scope);
        var right = Render(node, "condition.right", condition.Right, scope);
        var taken = Condition.Compare(left, right, condition.Operator);
        var word = taken ? "true" : "false";
        var result = new JsonObject
        {
            ["content"] = word,
            ["branch"] = word,
            ["left"] = left,
            ["operator"] = ConditionOperators.NameOf(condition.Operator),
            ["right"] = right,
        };
        return new NodeEvaluation(result, taken ? Branch.True : Branch.False);
    }

    /// <summary>
    /// The output's text, or a table when its value is one: an <c>output</c> that is exactly one placeholder naming a
    /// table, or no template and a single finished predecessor whose result is a table.
    /// </summary>
    private static NodeEvaluation Output(NodeDefinition node, TemplateScope scope, IReadOnlyCollection<string> finishedPredecessors)
    {
        string content;
        if (node.Data["output"] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0)
        {
            if (!TemplateCache.TryGet(text, out var template, out var error))
            {
                throw new NodeEvaluationException($"Output node '{node.Id}': 'output' is not a valid template: {error}");
            }

            if (template.SoleReference is { } sole && TemplateValues.TryResolve(sole, scope, out var value) && AsTable(value) is { } table)
            {
                return new NodeEvaluation(table, Branch.None);
            }

            content = Render(node, "'output'", template, scope);
        }
        else if (finishedPredecessors.Count == 1
            && scope.Nodes.TryGetValue(finishedPredecessors.First(), out var record)
            && AsTable(record?["result"]) is { } upstreamTable)
        {
            return new NodeEvaluation(upstreamTable, Branch.None);
        }
        else
        {
            content = JoinUpstreamContent(node, scope, finishedPredecessors);
        }

        return new NodeEvaluation(new JsonObject { ["content"] = content }, Branch.None);
    }

    private static JsonObject? AsTable(JsonNode? value) =>
        TableValue.IsTable(value) && TableValue.TryRead(value, out var table, out _) ? table.ToResult() : null;

    /// <summary>Renders one of the node's templates; past the scope's limit, the node fails naming itself, the field and the limit.</summary>
    private static string Render(NodeDefinition node, string field, Template template, TemplateScope scope)
    {
        try
        {
            return template.Render(scope);
        }
        catch (TemplateOutputTooLargeException ex)
        {
            throw new NodeEvaluationException($"{Describe(node)}: {TemplateOutputTooLargeException.Describe(field, ex.MaxBytes)}.", ex);
        }
    }

    private static string Describe(NodeDefinition node) => node.Type switch
    {
        NodeTypes.IfElse => $"If-else node '{node.Id}'",
        NodeTypes.Output => $"Output node '{node.Id}'",
        _ => $"Node '{node.Id}'",
    };

    // Bounded like a rendering: many large upstream results joined could otherwise grow past the limit too.
    private static string JoinUpstreamContent(NodeDefinition node, TemplateScope scope, IReadOnlyCollection<string> predecessors)
    {
        var text = new StringBuilder();
        long bytes = 0;
        foreach (var id in predecessors)
        {
            if (!scope.Nodes.TryGetValue(id, out var record))
            {
                continue;
            }

            var content = TemplateValues.ToText(record?["result"]?["content"]);
            var separator = text.Length > 0 ? 1 : 0;
            bytes += separator + Encoding.UTF8.GetByteCount(content);
            if (bytes > scope.MaxRenderedBytes)
            {
                throw new NodeEvaluationException(
                    $"{Describe(node)}: {TemplateOutputTooLargeException.Describe("the joined upstream content", scope.MaxRenderedBytes)}.");
            }

            text.Append(separator == 1 ? "\n" : string.Empty).Append(content);
        }

        return text.ToString();
    }
}
