using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>Compilation: reachability, topological order and index-based links, all over int arrays.</summary>
public sealed partial class ExecutionPlan
{
    /// <summary>Compiles a definition. Throws <see cref="InvalidOperationException"/> when it has no usable start node or has a cycle
    /// (validate first).</summary>
    public static ExecutionPlan Compile(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrEmpty(definition.StartNode))
        {
            throw new InvalidOperationException("The definition has no 'start_node'.");
        }

        var start = definition.FindNode(definition.StartNode)
            ?? throw new InvalidOperationException($"'start_node' names '{definition.StartNode}', which is not a node.");

        // Work in document indices; a duplicated ID means its first declaration, as FindNode does.
        var nodes = definition.Nodes;
        var documentIndex = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            documentIndex.TryAdd(nodes[i].Id, i);
        }

        var links = definition.Graph.Links;
        var sources = new int[links.Count];
        var targets = new int[links.Count];
        var firstOut = new int[nodes.Count + 1];
        for (var l = 0; l < links.Count; l++)
        {
            sources[l] = documentIndex[links[l].Source];
            targets[l] = documentIndex[links[l].Target];
            firstOut[sources[l] + 1]++;
        }

        // Outgoing links grouped by source in a compressed layout (declaration order kept within a source).
        for (var i = 0; i < nodes.Count; i++)
        {
            firstOut[i + 1] += firstOut[i];
        }

        var outLinks = new int[links.Count];
        var filled = (int[])firstOut.Clone();
        for (var l = 0; l < links.Count; l++)
        {
            outLinks[filled[sources[l]]++] = l;
        }

        // Reachability from the start node (iterative DFS; every link visited once).
        var startIndex = documentIndex[start.Id];
        var reachable = new bool[nodes.Count];
        var reachableCount = 1;
        reachable[startIndex] = true;
        var stack = new Stack<int>();
        stack.Push(startIndex);
        while (stack.Count > 0)
        {
            var source = stack.Pop();
            for (var k = firstOut[source]; k < firstOut[source + 1]; k++)
            {
                var target = targets[outLinks[k]];
                if (!reachable[target])
                {
                    reachable[target] = true;
                    reachableCount++;
                    stack.Push(target);
                }
            }
        }

        // Kahn's algorithm over reachable nodes; ties broken by document order for determinism.
        var inDegree = new int[nodes.Count];
        for (var l = 0; l < links.Count; l++)
        {
            if (reachable[sources[l]])
            {
                inDegree[targets[l]]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (reachable[i] && inDegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(reachableCount);
        var planIndex = new int[nodes.Count];
        while (ready.TryDequeue(out var node, out _))
        {
            planIndex[node] = order.Count;
            order.Add(node);
            for (var k = firstOut[node]; k < firstOut[node + 1]; k++)
            {
                var target = targets[outLinks[k]];
                if (--inDegree[target] == 0)
                {
                    ready.Enqueue(target, target);
                }
            }
        }

        if (order.Count != reachableCount)
        {
            var cyclic = Enumerable.Range(0, nodes.Count).Where(i => reachable[i] && inDegree[i] > 0).Select(i => nodes[i].Id);
            throw new InvalidOperationException($"The flow has a cycle through: {string.Join(", ", cyclic)}.");
        }

        return Build(nodes, order, planIndex, targets, links, firstOut, outLinks);
    }

    private static ExecutionPlan Build(
        IReadOnlyList<NodeDefinition> nodes, List<int> order, int[] planIndex, int[] targets, IReadOnlyList<FlowLink> flowLinks, int[] firstOut, int[] outLinks)
    {
        var count = order.Count;
        var incomingCount = new int[count];
        var outgoing = new PlanLink[count][];
        var ids = new string[count];
        var types = new string[count];
        var continueOnError = new bool[count];
        for (var p = 0; p < count; p++)
        {
            var node = nodes[order[p]];
            ids[p] = node.Id;
            types[p] = node.Type;
            continueOnError[p] = node.ContinueOnError;
            var from = firstOut[order[p]];
            var links = new PlanLink[firstOut[order[p] + 1] - from];
            for (var k = 0; k < links.Length; k++)
            {
                var l = outLinks[from + k];
                var target = planIndex[targets[l]];
                links[k] = new PlanLink(target, flowLinks[l].Branch);
                incomingCount[target]++;
            }

            outgoing[p] = links;
        }

        var incoming = new PlanLink[count][];
        for (var p = 0; p < count; p++)
        {
            incoming[p] = incomingCount[p] == 0 ? [] : new PlanLink[incomingCount[p]];
            incomingCount[p] = 0;
        }

        // Filled in plan order of the source, so each node's incoming links are in topological order.
        for (var p = 0; p < count; p++)
        {
            foreach (var link in outgoing[p])
            {
                incoming[link.Node][incomingCount[link.Node]++] = new PlanLink(p, link.Branch);
            }
        }

        return new ExecutionPlan(ids, incoming, outgoing, types, continueOnError);
    }
}
