using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>
/// The immutable, compiled topology of a validated definition: the nodes reachable from <c>start_node</c>,
/// their predecessors and successors by index, and the output nodes. Compile once per definition version;
/// create a <see cref="GraphScheduler"/> per run. Links from nodes that are not reachable are ignored: such
/// nodes never run, so nothing may wait for them.
/// </summary>
public sealed partial class ExecutionPlan
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
}
