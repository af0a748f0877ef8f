using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Definition;

/// <summary>
/// Resolves the flow of a definition. Reference 003 states flow twice: as <c>edges</c> (with
/// <c>sourceHandle</c> naming an if-else branch) and as node fields (<c>next_nodes</c>, <c>true_node</c>,
/// <c>false_node</c>). The rule:
/// <list type="number">
/// <item>When <c>edges</c> has at least one entry, the edges are the flow (a visual editor draws edges, so
/// they are what the user sees). Node fields are then only compared with the edges: a node whose declared
/// targets or branches differ gets a <c>flow.mismatch</c> warning, and the edges still win.</item>
/// <item>Otherwise (hand-written definitions), the node fields are the flow: <c>true_node</c> is the true
/// branch, <c>false_node</c> the false branch, and other <c>next_nodes</c> entries are ordinary links.</item>
/// </list>
/// A node without any flow field is not compared. Duplicate links are kept once.
/// </summary>
public static class FlowResolver
{
    public static WorkflowGraph Resolve(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var findings = new List<ValidationFinding>();
        var links = new List<FlowLink>();
        var seen = new HashSet<(string, string, Branch)>();

        if (definition.Edges.Count > 0)
        {
            foreach (var edge in definition.Edges)
            {
                var sourceKnown = definition.FindNode(edge.Source) is not null;
                var targetKnown = definition.FindNode(edge.Target) is not null;
                if (!sourceKnown)
                {
                    findings.Add(ValidationFinding.Error(
                        FindingCodes.EdgeUnknownSource,
                        $"Edge {Describe(edge)} starts at unknown node '{edge.Source}'.",
                        edge.Path + ".source"));
                }

                if (!targetKnown)
                {
                    findings.Add(ValidationFinding.Error(
                        FindingCodes.EdgeUnknownTarget,
                        $"Edge {Describe(edge)} leads to unknown node '{edge.Target}'.",
                        edge.Path + ".target",
                        sourceKnown ? edge.Source : null));
                }

                if (sourceKnown && targetKnown && seen.Add((edge.Source, edge.Target, edge.Branch)))
                {
                    links.Add(new FlowLink(edge.Source, edge.Target, edge.Branch, edge.Path));
                }
            }

            CompareNodeFields(definition, links, findings);
            return new WorkflowGraph(FlowSource.Edges, links, findings);
        }

        foreach (var node in definition.Nodes)
        {
            foreach (var (target, branch, path) in DeclaredByNode(node))
            {
                if (definition.FindNode(target) is null)
                {
                    findings.Add(ValidationFinding.Error(
                        FindingCodes.NextNodeUnknown,
                        $"Node '{node.Id}' leads to unknown node '{target}'.",
                        path,
                        node.Id));
                    continue;
                }

                if (seen.Add((node.Id, target, branch)))
                {
                    links.Add(new FlowLink(node.Id, target, branch, path));
                }
            }
        }

        return new WorkflowGraph(FlowSource.NodeFields, links, findings);
    }

    /// <summary>The links a node's own fields declare: true/false branches first, then the rest of next_nodes.</summary>
    internal static IEnumerable<(string Target, Branch Branch, string Path)> DeclaredByNode(NodeDefinition node)
    {
        var dataPath = node.Path + ".data";
        if (node.TrueNode is { Length: > 0 } trueNode)
        {
            yield return (trueNode, Branch.True, dataPath + ".true_node");
        }

        if (node.FalseNode is { Length: > 0 } falseNode)
        {
            yield return (falseNode, Branch.False, dataPath + ".false_node");
        }

        for (var i = 0; i < node.NextNodes.Count; i++)
        {
            var target = node.NextNodes[i];
            if (target == node.TrueNode || target == node.FalseNode)
            {
                continue;
            }

            yield return (target, Branch.None, $"{dataPath}.next_nodes[{i}]");
        }
    }

    private static void CompareNodeFields(WorkflowDefinition definition, List<FlowLink> edgeLinks, List<ValidationFinding> findings)
    {
        var byEdges = new Dictionary<string, HashSet<(string, Branch)>>(StringComparer.Ordinal);
        foreach (var link in edgeLinks)
        {
            if (!byEdges.TryGetValue(link.Source, out var set))
            {
                set = [];
                byEdges[link.Source] = set;
            }

            set.Add((link.Target, link.Branch));
        }

        foreach (var node in definition.Nodes)
        {
            if (!DeclaresFlow(node.Data))
            {
                continue;
            }

            var declared = DeclaredByNode(node).Select(d => (d.Target, d.Branch)).ToHashSet();
            var drawn = byEdges.GetValueOrDefault(node.Id) ?? [];
            if (declared.SetEquals(drawn))
            {
                continue;
            }

            findings.Add(ValidationFinding.Warning(
                FindingCodes.FlowMismatch,
                $"Node '{node.Id}': its edges lead to [{Format(drawn)}] but its data declares [{Format(declared)}]; the edges are used.",
                node.Path + ".data.next_nodes",
                node.Id));
        }
    }

    private static bool DeclaresFlow(JsonObject data) =>
        data.ContainsKey("next_nodes") || data.ContainsKey("true_node") || data.ContainsKey("false_node");

    private static string Format(IEnumerable<(string Target, Branch Branch)> links) =>
        string.Join(", ", links
            .OrderBy(l => l.Target, StringComparer.Ordinal)
            .ThenBy(l => l.Branch)
            .Select(l => l.Branch == Branch.None ? l.Target : $"{l.Target} ({l.Branch.ToString().ToLowerInvariant()})"));

    private static string Describe(EdgeDefinition edge) => edge.Id is null ? $"edges[{edge.Index}]" : $"'{edge.Id}'";
}
