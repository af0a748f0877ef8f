using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// The table nodes' pure parts: an <c>import-csv-node</c> whose source is <c>text</c> (inline CSV or a placeholder
/// such as <c>{{ input.csv }}</c>) and a <c>filter-rows-node</c> evaluate in place; an import from a <c>url</c> is
/// I/O and runs as an activity, which parses with the same <see cref="CsvImport"/>.
/// </summary>
public static class TableNodes
{
    /// <summary>Whether an <c>import-csv-node</c> fetches its CSV (a <c>url</c>) rather than reading <c>text</c>.</summary>
    public static bool FetchesUrl(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Type == NodeTypes.ImportCsv && node.Data["url"] is JsonValue url && url.GetValueKind() == JsonValueKind.String;
    }

    /// <summary>The JSON-path prefixes, within a node, of the strings that are row templates (where <c>row</c> is the current row).</summary>
    public static IReadOnlyList<string> RowTemplateFields(string nodeType) => nodeType switch
    {
        NodeTypes.FilterRows => ["condition"],
        NodeTypes.MapRows => ["call"],
        _ => [],
    };

    /// <summary>Imports the CSV of an <c>import-csv-node</c> whose source is <c>text</c>.</summary>
    /// <exception cref="NodeEvaluationException">The text does not import (the message names the row, column or limit).</exception>
    public static JsonObject ImportText(NodeDefinition node, TemplateScope scope, TableLimits limits)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Data["text"] is not JsonValue source || source.GetValueKind() != JsonValueKind.String)
        {
            throw new NodeEvaluationException($"Import-csv node '{node.Id}' needs 'text' (CSV text or a placeholder) or 'url'.");
        }

        if (!TemplateCache.TryGet(source.GetValue<string>(), out var template, out var syntax))
        {
            throw new NodeEvaluationException($"Import-csv node '{node.Id}': 'text' is not a valid template: {syntax}");
        }

        return Import(node.Id, node.Data, template.Render(scope), limits);
    }

    /// <summary>Imports CSV text with an <c>import-csv-node</c>'s options (its <c>data</c>): the table as a node result.</summary>
    /// <exception cref="NodeEvaluationException">The options are invalid or the text does not import.</exception>
    public static JsonObject Import(string nodeId, JsonObject data, string text, TableLimits limits)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!CsvImportOptions.TryRead(data, out var options, out var error)
            || !CsvImport.TryImport(text, options, limits, out var table, out error))
        {
            throw new NodeEvaluationException($"Import-csv node '{nodeId}': {error}");
        }

        return table.ToResult();
    }

    /// <summary>Keeps the rows of the node's <c>table</c> for which its <c>condition</c> holds.</summary>
    /// <exception cref="NodeEvaluationException">The table or condition is unusable.</exception>
    public static JsonObject Filter(NodeDefinition node, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!TableSource.TryResolve(node.Data["table"], scope, out var table, out var error))
        {
            throw new NodeEvaluationException($"Filter-rows node '{node.Id}': {error}");
        }

        if (!Condition.TryParse(node.Data["condition"], out var condition, out error))
        {
            throw new NodeEvaluationException($"Filter-rows node '{node.Id}': {error}");
        }

        return FilterRows.Apply(table, condition, scope).ToResult();
    }
}
