using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Definition;

/// <summary>Where a definition's flow was read from.</summary>
public enum FlowSource
{
    /// <summary>The <c>edges</c> array (used whenever it has at least one entry).</summary>
    Edges = 0,

    /// <summary>The nodes' <c>next_nodes</c> / <c>true_node</c> / <c>false_node</c> (used when there are no edges).</summary>
    NodeFields = 1,
}

/// <summary>
/// The flow of a definition as one directed graph over its nodes, resolved by <see cref="FlowResolver"/>.
/// Links only join nodes that exist; links to unknown nodes are reported in <see cref="Findings"/> and dropped.
/// </summary>
public sealed class WorkflowGraph
{
    private static readonly IReadOnlyList<FlowLink> NoLinks = [];
    private readonly Dictionary<string, List<FlowLink>> _outgoing;
    private readonly Dictionary<string, List<FlowLink>> _incoming;

    internal WorkflowGraph(FlowSource source, IReadOnlyList<FlowLink> links, IReadOnlyList<ValidationFinding> findings)
    {
        Source = source;
        Links = links;
        Findings = findings;
        _outgoing = new Dictionary<string, List<FlowLink>>(StringComparer.Ordinal);
        _incoming = new Dictionary<string, List<FlowLink>>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            Add(_outgoing, link.Source, link);
            Add(_incoming, link.Target, link);
        }
    }

    /// <summary>Which declaration of flow won.</summary>
    public FlowSource Source { get; }

    /// <summary>Every resolved link, in declaration order (duplicates removed).</summary>
    public IReadOnlyList<FlowLink> Links { get; }

    /// <summary>Problems found while resolving: unknown link ends and disagreement between the two declarations.</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; }

    /// <summary>Links leaving a node, in declaration order.</summary>
    public IReadOnlyList<FlowLink> Outgoing(string nodeId) => _outgoing.TryGetValue(nodeId, out var list) ? list : NoLinks;

    /// <summary>Links entering a node, in declaration order.</summary>
    public IReadOnlyList<FlowLink> Incoming(string nodeId) => _incoming.TryGetValue(nodeId, out var list) ? list : NoLinks;

    private static void Add(Dictionary<string, List<FlowLink>> map, string key, FlowLink link)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(link);
    }
}
