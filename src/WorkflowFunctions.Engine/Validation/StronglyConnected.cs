using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Validation;

/// <summary>Finds the flow's cycles: Tarjan's strongly connected components, iterative so deep graphs cannot overflow the stack.</summary>
internal static class StronglyConnected
{
    /// <summary>Each cycle once, as node IDs in document order of their first node.</summary>
    public static List<List<string>> Cycles(WorkflowDefinition definition, WorkflowGraph graph)
    {
        var ids = definition.Nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).ToList();
        var order = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            order[ids[i]] = i;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        var counter = 0;

        foreach (var root in ids)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var outgoing = graph.Outgoing(node);
                if (next < outgoing.Count)
                {
                    work.Push((node, next + 1));
                    var target = outgoing[next].Target;
                    if (index.TryGetValue(target, out var targetIndex))
                    {
                        if (onStack.Contains(target))
                        {
                            low[node] = Math.Min(low[node], targetIndex);
                        }
                    }
                    else
                    {
                        index[target] = low[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] != index[node])
                {
                    continue;
                }

                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                var selfLoop = component.Count == 1 && graph.Outgoing(node).Any(l => l.Target == node);
                if (component.Count > 1 || selfLoop)
                {
                    component.Sort((a, b) => order[a].CompareTo(order[b]));
                    cycles.Add(component);
                }
            }
        }

        cycles.Sort((a, b) => order[a[0]].CompareTo(order[b[0]]));
        return cycles;
    }
}
