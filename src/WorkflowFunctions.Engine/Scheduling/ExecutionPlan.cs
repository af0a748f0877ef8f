using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>
/// The immutable, compiled topology of a validated definition: the nodes reachable from <c>start_node</c>,
/// their predecessors and successors by index, and the output nodes. Compile once per definition version;
/// create a <see cref="GraphScheduler"/> per run. Links from nodes that are not reachable are ignored: such
/// nodes never run, so nothing may wait for them.
/// </summary>
public sealed class ExecutionPlan
{
    private readonly Dictionary<string, int> _indexById;

    private ExecutionPlan(string[] ids, PlanLink[][] incoming, PlanLink[][] outgoing, string[] types, bool[] continueOnError)
    {
        NodeIds = ids;
        Incoming = incoming;
        Outgoing = outgoing;
        Types = types;
        ContinueOnError = continueOnError;
        _indexById = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            _indexById[ids[i]] = i;
        }

        OutputNodes = [.. ids.Where((_, i) => types[i] == NodeTypes.Output)];
    }

    /// <summary>The start node's ID.</summary>
    public string StartNode => NodeIds[0];

    /// <summary>Reachable nodes in a deterministic topological order (ties broken by document order).</summary>
    public IReadOnlyList<string> Nodes => NodeIds;

    /// <summary>Reachable <c>output-node</c>s, in topological order.</summary>
    public IReadOnlyList<string> OutputNodes { get; }

    /// <summary>The number of links between reachable nodes.</summary>
    public int LinkCount => Incoming.Sum(l => l.Length);

    internal string[] NodeIds { get; }

    internal PlanLink[][] Incoming { get; }

    internal PlanLink[][] Outgoing { get; }

    internal string[] Types { get; }

    internal bool[] ContinueOnError { get; }

    /// <summary>Whether the node is reachable from the start node (and so may run).</summary>
    public bool Contains(string nodeId) => _indexById.ContainsKey(nodeId);

    /// <summary>A reachable node's type.</summary>
    public string TypeOf(string nodeId) => Types[IndexOf(nodeId)];

    /// <summary>A reachable node's direct predecessors (reachable ones), in topological order.</summary>
    public IReadOnlyList<string> Predecessors(string nodeId) =>
        [.. Incoming[IndexOf(nodeId)].Select(l => l.Node).Distinct().Order().Select(i => NodeIds[i])];

    /// <summary>A reachable node's direct successors, in topological order.</summary>
    public IReadOnlyList<string> Successors(string nodeId) =>
        [.. Outgoing[IndexOf(nodeId)].Select(l => l.Node).Distinct().Order().Select(i => NodeIds[i])];

    internal int IndexOf(string nodeId) =>
        _indexById.TryGetValue(nodeId, out var index)
            ? index
            : throw new ArgumentException($"Node '{nodeId}' is not reachable from the start node.", nameof(nodeId));

    internal bool TryIndexOf(string nodeId, out int index) => _indexById.TryGetValue(nodeId, out index);

    /// <summary>Compiles a definition. Throws <see cref="InvalidOperationException"/> when it has no usable start node or has a cycle (validate first).</summary>
    public static ExecutionPlan Compile(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrEmpty(definition.StartNode))
        {
            throw new InvalidOperationException("The definition has no 'start_node'.");
        }

        var start = definition.FindNode(definition.StartNode)
            ?? throw new InvalidOperationException($"'start_node' names '{definition.StartNode}', which is not a node.");
        var graph = definition.Graph;

        // Reachability from the start node (iterative DFS; every link visited once).
        var reachable = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        var stack = new Stack<string>();
        stack.Push(start.Id);
        while (stack.Count > 0)
        {
            foreach (var link in graph.Outgoing(stack.Pop()))
            {
                if (reachable.Add(link.Target))
                {
                    stack.Push(link.Target);
                }
            }
        }

        // Kahn's algorithm over reachable nodes; ties broken by document order for determinism.
        var nodes = definition.Nodes.Where(n => reachable.Contains(n.Id)).GroupBy(n => n.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var inDegree = nodes.ToDictionary(n => n.Id, n => graph.Incoming(n.Id).Count(l => reachable.Contains(l.Source)), StringComparer.Ordinal);
        var ready = new PriorityQueue<NodeDefinition, int>();
        foreach (var node in nodes.Where(n => inDegree[n.Id] == 0))
        {
            ready.Enqueue(node, node.Index);
        }

        var order = new List<NodeDefinition>(nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var link in graph.Outgoing(node.Id))
            {
                if (--inDegree[link.Target] == 0)
                {
                    ready.Enqueue(definition.FindNode(link.Target)!, definition.FindNode(link.Target)!.Index);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            var cyclic = nodes.Where(n => inDegree[n.Id] > 0).Select(n => n.Id);
            throw new InvalidOperationException($"The flow has a cycle through: {string.Join(", ", cyclic)}.");
        }

        if (order[0].Id != start.Id)
        {
            throw new InvalidOperationException($"The start node '{start.Id}' has incoming links from nodes it reaches (a cycle).");
        }

        var index = new Dictionary<string, int>(order.Count, StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            index[order[i].Id] = i;
        }

        var incoming = new PlanLink[order.Count][];
        var outgoing = new PlanLink[order.Count][];
        for (var i = 0; i < order.Count; i++)
        {
            var id = order[i].Id;
            incoming[i] = [.. graph.Incoming(id).Where(l => index.ContainsKey(l.Source)).Select(l => new PlanLink(index[l.Source], l.Branch))];
            outgoing[i] = [.. graph.Outgoing(id).Select(l => new PlanLink(index[l.Target], l.Branch))];
        }

        return new ExecutionPlan(
            [.. order.Select(n => n.Id)],
            incoming,
            outgoing,
            [.. order.Select(n => n.Type)],
            [.. order.Select(n => n.ContinueOnError)]);
    }
}
