using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Validation;

/// <summary>
/// Answers "is A upstream of B" for every pair at once: ancestor bitsets propagated in topological order,
/// O((nodes + links) * nodes / 64). A graph with a cycle has no topological order; then each question walks
/// the graph instead (the cycle is an error anyway).
/// </summary>
internal sealed class Ancestry
{
    private readonly WorkflowGraph _graph;
    private readonly Dictionary<string, int> _index;
    private readonly ulong[][]? _ancestors;

    public Ancestry(WorkflowDefinition definition)
    {
        _graph = definition.Graph;
        var ids = definition.Nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).ToArray();
        _index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            _index[ids[i]] = i;
        }

        var words = (ids.Length + 63) / 64;
        var inDegree = new int[ids.Length];
        foreach (var link in _graph.Links)
        {
            inDegree[_index[link.Target]]++;
        }

        var queue = new Queue<int>(Enumerable.Range(0, ids.Length).Where(i => inDegree[i] == 0));
        var ancestors = new ulong[ids.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            ancestors[i] = new ulong[words];
        }

        var processed = 0;
        while (queue.TryDequeue(out var node))
        {
            processed++;
            foreach (var link in _graph.Outgoing(ids[node]))
            {
                var target = _index[link.Target];
                var into = ancestors[target];
                var from = ancestors[node];
                for (var w = 0; w < words; w++)
                {
                    into[w] |= from[w];
                }

                into[node >> 6] |= 1UL << (node & 63);
                if (--inDegree[target] == 0)
                {
                    queue.Enqueue(target);
                }
            }
        }

        _ancestors = processed == ids.Length ? ancestors : null;
    }

    /// <summary>True when <paramref name="ancestor"/> is strictly upstream of <paramref name="node"/>.</summary>
    public bool IsUpstream(string ancestor, string node)
    {
        if (!_index.TryGetValue(ancestor, out var a) || !_index.TryGetValue(node, out var n) || a == n)
        {
            return false;
        }

        if (_ancestors is not null)
        {
            return (_ancestors[n][a >> 6] & (1UL << (a & 63))) != 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { node };
        var stack = new Stack<string>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            foreach (var link in _graph.Incoming(stack.Pop()))
            {
                if (link.Source == ancestor)
                {
                    return true;
                }

                if (seen.Add(link.Source))
                {
                    stack.Push(link.Source);
                }
            }
        }

        return false;
    }
}
