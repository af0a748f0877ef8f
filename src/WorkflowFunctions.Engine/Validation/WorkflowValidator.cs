using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Validation;

/// <summary>
/// Checks a definition and reports every finding, not just the first (see docs/validation-and-inputs.md for
/// the codes). Runs in O(nodes + links + configuration size), plus O(nodes² / 64) for the ancestor bitsets
/// when templates refer to other nodes: a 1,000-node graph validates in milliseconds.
/// </summary>
public sealed class WorkflowValidator(NodeCatalog catalog)
{
    private static readonly string[] ImportSources = ["text", "url"];

    /// <summary>A validator over the built-in node types.</summary>
    public static WorkflowValidator Default { get; } = new(NodeCatalog.Default);

    public ValidationReport Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var findings = new List<ValidationFinding>(definition.ShapeFindings);
        var graph = definition.Graph;

        CheckStartNode(definition, findings);
        CheckDuplicateIds(definition, findings);
        findings.AddRange(graph.Findings);
        foreach (var node in definition.Nodes)
        {
            CheckNode(node, graph, findings);
        }

        CheckCycles(definition, graph, findings);
        CheckTemplates(definition, findings);
        CheckReachability(definition, graph, findings);
        if (definition.Nodes.Count > 0 && !definition.Nodes.Any(n => n.Type == NodeTypes.Output))
        {
            findings.Add(ValidationFinding.Warning(
                FindingCodes.NoOutputNode,
                "The workflow has no output-node; its result will hold only node results.",
                "$.nodes"));
        }

        return new ValidationReport(findings);
    }

    private static void CheckStartNode(WorkflowDefinition definition, List<ValidationFinding> findings)
    {
        if (string.IsNullOrEmpty(definition.StartNode))
        {
            findings.Add(ValidationFinding.Error(
                FindingCodes.StartNodeMissing,
                "'start_node' is missing: name the trigger node that starts the run.",
                "$.start_node"));
        }
        else if (definition.FindNode(definition.StartNode) is not { } start)
        {
            findings.Add(ValidationFinding.Error(
                FindingCodes.StartNodeUnknown,
                $"'start_node' names '{definition.StartNode}', which is not a node.",
                "$.start_node"));
        }
        else if (start.Type != NodeTypes.Trigger)
        {
            findings.Add(ValidationFinding.Warning(
                FindingCodes.StartNodeNotTrigger,
                $"The start node '{start.Id}' is a {start.Type}, not a trigger-node; the run input is not validated against input fields.",
                "$.start_node",
                start.Id));
        }

        var triggers = definition.Nodes.Where(n => n.Type == NodeTypes.Trigger).ToList();
        if (triggers.Count > 1)
        {
            findings.Add(ValidationFinding.Warning(
                FindingCodes.MultipleTriggers,
                $"The workflow has {triggers.Count} trigger nodes; only the start node's input fields validate the input.",
                triggers[1].Path,
                triggers[1].Id));
        }
    }

    private static void CheckDuplicateIds(WorkflowDefinition definition, List<ValidationFinding> findings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            if (!seen.Add(node.Id))
            {
                findings.Add(ValidationFinding.Error(FindingCodes.NodeDuplicateId, $"Node ID '{node.Id}' is used more than once.", node.Path + ".id", node.Id));
            }
        }
    }

    private void CheckNode(NodeDefinition node, WorkflowGraph graph, List<ValidationFinding> findings)
    {
        if (!catalog.TryGet(node.Type, out var descriptor))
        {
            var known = string.Join(", ", catalog.All.Select(d => d.Type));
            var problem = node.Type.Length == 0 ? "has no 'type'" : $"has unknown type '{node.Type}'";
            findings.Add(ValidationFinding.Error(
                FindingCodes.NodeUnknownType,
                $"Node '{node.Id}' {problem}. Known types: {known}.",
                node.Path + ".type",
                node.Id));
            return;
        }

        // NodeDefinition reads a non-object data as empty; check what was written so the finding says why.
        var data = node.Raw["data"] is { } written and not JsonObject ? written : node.Data;
        var dataPath = node.Path + ".data";
        var operatorPath = dataPath + ".condition.operator";
        foreach (var violation in SchemaChecker.Check(descriptor.ConfigSchema, data, dataPath))
        {
            if (node.Type == NodeTypes.IfElse && violation.Path == operatorPath)
            {
                continue;
            }

            findings.Add(violation.IsMissing
                ? ValidationFinding.Error(FindingCodes.NodeConfigMissing, $"Node '{node.Id}': {violation.Message}", violation.Path, node.Id)
                : ValidationFinding.Error(FindingCodes.NodeConfigInvalid, $"Node '{node.Id}': {violation.Message}", violation.Path, node.Id));
        }

        switch (node.Type)
        {
            case NodeTypes.IfElse:
                CheckIfElse(node, graph, findings);
                break;
            case NodeTypes.Trigger:
                CheckInputFields(node, findings);
                break;
            case NodeTypes.ImportCsv:
                CheckImportCsv(node, findings);
                break;
            case NodeTypes.FilterRows:
                CheckTableSource(node, findings);
                break;
            case NodeTypes.MapRows:
                CheckTableSource(node, findings);
                CheckMapRows(node, findings);
                break;
        }

        if (node.Type != NodeTypes.IfElse)
        {
            foreach (var link in graph.Outgoing(node.Id).Where(l => l.Branch != Branch.None))
            {
                findings.Add(ValidationFinding.Warning(
                    FindingCodes.IfElseBranchOnNonBranching,
                    $"Node '{node.Id}' is not an if-else node, so its {link.Branch.ToString().ToUpperInvariant()} branch link to '{link.Target}' always runs.",
                    link.Path,
                    node.Id));
            }
        }
    }

    private static void CheckIfElse(NodeDefinition node, WorkflowGraph graph, List<ValidationFinding> findings)
    {
        if (node.Data["condition"] is JsonObject condition)
        {
            var name = condition["operator"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (!ConditionOperators.TryParse(name, out _))
            {
                var message = name is null
                    ? $"If-else node '{node.Id}' has no condition operator. Supported: {string.Join(", ", ConditionOperators.Names)}."
                    : $"If-else node '{node.Id}' has unknown operator '{name}'. Supported: {string.Join(", ", ConditionOperators.Names)}.";
                findings.Add(ValidationFinding.Error(FindingCodes.IfElseUnknownOperator, message, node.Path + ".data.condition.operator", node.Id));
            }
        }

        var outgoing = graph.Outgoing(node.Id);
        foreach (var branch in new[] { Branch.True, Branch.False })
        {
            if (!outgoing.Any(l => l.Branch == branch))
            {
                var field = branch == Branch.True ? "true_node" : "false_node";
                var handle = branch == Branch.True ? EdgeDefinition.TrueHandle : EdgeDefinition.FalseHandle;
                findings.Add(ValidationFinding.Error(
                    FindingCodes.IfElseMissingBranch,
                    $"If-else node '{node.Id}' has no {branch.ToString().ToUpperInvariant()} branch: "
                        + $"add an edge with sourceHandle '{handle}' (or '{field}' when there are no edges).",
                    node.Path,
                    node.Id));
            }
        }
    }

    private static void CheckImportCsv(NodeDefinition node, List<ValidationFinding> findings)
    {
        var sources = ImportSources.Count(field => node.Data[field] is not null);
        if (sources != 1)
        {
            var problem = sources == 0 ? "has no source" : "has both 'text' and 'url'";
            findings.Add(ValidationFinding.Error(
                FindingCodes.ImportCsvSource,
                $"Import-csv node '{node.Id}' {problem}: give 'text' (CSV text or a placeholder such as {{{{ input.csv }}}}) or 'url'.",
                node.Path + ".data",
                node.Id));
        }

        if (node.Data["columns"] is not JsonArray columns)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is JsonObject column && column["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                var id = v.GetValue<string>();
                var problem = !ColumnIds.IsValid(id) ? "uses characters other than letters, digits, '_' and '-'" : !seen.Add(id) ? "is declared twice" : null;
                if (problem is not null)
                {
                    findings.Add(ValidationFinding.Error(
                        FindingCodes.TableColumnId,
                        $"Import-csv node '{node.Id}': column ID '{id}' {problem}; templates read columns as {{{{ row.<id> }}}}.",
                        $"{node.Path}.data.columns[{i}].id",
                        node.Id));
                }
            }
        }
    }

    private static void CheckTableSource(NodeDefinition node, List<ValidationFinding> findings)
    {
        if (node.Data["table"] is not null && TableSource.Reference(node.Data["table"], out var error) is null)
        {
            findings.Add(ValidationFinding.Error(FindingCodes.TableSource, $"Node '{node.Id}': {error}", node.Path + ".data.table", node.Id));
        }
    }

    private void CheckMapRows(NodeDefinition node, List<ValidationFinding> findings)
    {
        var column = node.Data["column"];
        var id = column switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonObject o when o["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        if (id is { Length: > 0 } && !ColumnIds.IsValid(id))
        {
            var path = node.Path + ".data.column" + (column is JsonObject ? ".id" : string.Empty);
            findings.Add(ValidationFinding.Error(
                FindingCodes.TableColumnId,
                $"Map-rows node '{node.Id}': column ID '{id}' uses characters other than letters, digits, '_' and '-'.",
                path,
                node.Id));
        }

        // The row's call is a basic-node or http-node configuration: checked against that type's schema.
        if (node.Data["call"] is JsonObject call
            && call["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            && MapRowsSpec.CallTypes.Contains(type.GetValue<string>())
            && catalog.TryGet(type.GetValue<string>(), out var descriptor)
            && call["data"] is JsonObject data)
        {
            foreach (var violation in SchemaChecker.Check(descriptor.ConfigSchema, data, node.Path + ".data.call.data"))
            {
                var code = violation.IsMissing ? FindingCodes.NodeConfigMissing : FindingCodes.NodeConfigInvalid;
                findings.Add(ValidationFinding.Error(code, $"Node '{node.Id}': {violation.Message}", violation.Path, node.Id));
            }
        }
    }

    private static void CheckInputFields(NodeDefinition node, List<ValidationFinding> findings)
    {
        if (node.Data["input_fields"] is not JsonArray fields)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] is not JsonObject field)
            {
                continue;
            }

            var path = $"{node.Path}.data.input_fields[{i}]";
            var id = field["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String ? idValue.GetValue<string>() : null;
            if (string.IsNullOrEmpty(id))
            {
                findings.Add(ValidationFinding.Error(
                    FindingCodes.InputFieldMissingId,
                    $"Input field {i} of trigger '{node.Id}' has no 'id'.",
                    path + ".id",
                    node.Id));
            }
            else if (!seen.Add(id))
            {
                findings.Add(ValidationFinding.Error(
                    FindingCodes.InputFieldDuplicateId,
                    $"Input field ID '{id}' is declared more than once.",
                    path + ".id",
                    node.Id));
            }

            var typeName = field["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
            if (!InputFields.TryParseType(typeName, out var type))
            {
                findings.Add(ValidationFinding.Error(
                    FindingCodes.InputFieldUnknownType,
                    $"Input field '{id}' has unknown type '{typeName}'. Supported: {string.Join(", ", InputFields.TypeNames)}.",
                    path + ".type",
                    node.Id));
                continue;
            }

            var options = InputFields.ReadOptions(field["options"]);
            if (type == InputFieldType.Select && options.Count == 0)
            {
                findings.Add(ValidationFinding.Error(FindingCodes.InputFieldNoOptions, $"Select field '{id}' has no options.", path + ".options", node.Id));
            }

            CheckDefault(node, id ?? string.Empty, type, field["default_value"], options, path, findings);
        }
    }

    private static void CheckDefault(
        NodeDefinition node,
        string id,
        InputFieldType type,
        JsonNode? value,
        IReadOnlyList<string> options,
        string path,
        List<ValidationFinding> findings)
    {
        if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0))
        {
            return;
        }

        var field = new InputField(id, id, type, false, null, options, null);
        var result = RunInputValidator.Validate([field], new JsonObject { [id] = value.DeepClone() });
        if (!result.IsValid && (type != InputFieldType.Select || options.Count > 0))
        {
            findings.Add(ValidationFinding.Error(
                FindingCodes.InputFieldBadDefault,
                $"The default of input field '{id}' does not fit its type: {result.Problems[0].Message}",
                path + ".default_value",
                node.Id));
        }
    }

    private static void CheckCycles(WorkflowDefinition definition, WorkflowGraph graph, List<ValidationFinding> findings)
    {
        foreach (var cycle in StronglyConnected.Cycles(definition, graph))
        {
            var first = definition.FindNode(cycle[0])!;
            findings.Add(ValidationFinding.Error(
                FindingCodes.Cycle,
                $"The flow loops through {string.Join(" -> ", cycle)} -> {cycle[0]}; workflows must be acyclic.",
                first.Path,
                first.Id));
        }
    }

    private static void CheckReachability(WorkflowDefinition definition, WorkflowGraph graph, List<ValidationFinding> findings)
    {
        if (definition.StartNode is null || definition.FindNode(definition.StartNode) is null)
        {
            return;
        }

        var reachable = Reach(definition.StartNode, graph.Outgoing, l => l.Target);
        foreach (var node in definition.Nodes)
        {
            if (!reachable.Contains(node.Id))
            {
                findings.Add(ValidationFinding.Warning(
                    FindingCodes.NodeUnreachable,
                    $"Node '{node.Id}' ({node.DisplayName}) cannot be reached from the start node and will never run.",
                    node.Path,
                    node.Id));
            }
        }
    }

    /// <summary>
    /// Every placeholder's root must be <c>input</c>, a node upstream, a bare variable (an input field ID that is no
    /// node ID), or <c>row</c> inside a row template (a filter-rows condition, a map-rows call).
    /// </summary>
    private static void CheckTemplates(WorkflowDefinition definition, List<ValidationFinding> findings)
    {
        Ancestry? ancestry = null;
        var variables = TemplateVariables.Of(definition);
        foreach (var node in definition.Nodes)
        {
            var rowFields = TableNodes.RowTemplateFields(node.Type).Select(f => $"{node.Path}.data.{f}").ToList();
            foreach (var (text, path) in TemplateStrings.In(node.Data, node.Path + ".data"))
            {
                if (!Template.TryParse(text, out var template, out var error))
                {
                    findings.Add(ValidationFinding.Error(FindingCodes.TemplateSyntax, $"Node '{node.Id}': {error}", path, node.Id));
                    continue;
                }

                var inRowTemplate = rowFields.Exists(field =>
                    path == field || path.StartsWith(field + ".", StringComparison.Ordinal) || path.StartsWith(field + "[", StringComparison.Ordinal));
                foreach (var reference in template.References.Where(r => !r.IsInput).DistinctBy(r => r.Root))
                {
                    if (reference.IsRow && inRowTemplate)
                    {
                        continue;
                    }

                    if (definition.FindNode(reference.Root) is null)
                    {
                        if (variables.Contains(reference.Root))
                        {
                            continue;
                        }

                        findings.Add(reference.IsRow
                            ? ValidationFinding.Error(
                                FindingCodes.TemplateRowOutsideRows,
                                $"Node '{node.Id}' reads '{{{{ {reference} }}}}', "
                                    + "but 'row' is only the current row in a filter-rows condition or a map-rows call.",
                                path,
                                node.Id)
                            : ValidationFinding.Error(
                                FindingCodes.TemplateUnknownNode,
                                $"Node '{node.Id}' refers to unknown node '{reference.Root}' in '{{{{ {reference} }}}}': "
                                    + "it is neither a node ID nor an input field of the trigger.",
                                path,
                                node.Id));
                        continue;
                    }

                    ancestry ??= new Ancestry(definition);
                    if (!ancestry.IsUpstream(reference.Root, node.Id))
                    {
                        findings.Add(ValidationFinding.Error(
                            FindingCodes.TemplateNodeNotUpstream,
                            $"Node '{node.Id}' refers to node '{reference.Root}', which is not upstream of it, "
                                + $"so it cannot have finished when '{node.Id}' runs.",
                            path,
                            node.Id));
                    }
                }
            }
        }
    }

    /// <summary>Nodes reachable from <paramref name="from"/> (itself included) following <paramref name="links"/>.</summary>
    private static HashSet<string> Reach(string from, Func<string, IReadOnlyList<FlowLink>> links, Func<FlowLink, string> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var stack = new Stack<string>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            foreach (var link in links(stack.Pop()))
            {
                var id = next(link);
                if (seen.Add(id))
                {
                    stack.Push(id);
                }
            }
        }

        return seen;
    }
}
