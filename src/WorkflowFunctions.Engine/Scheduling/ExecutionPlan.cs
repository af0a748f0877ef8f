using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>
/// The immutable, compiled topology of a validated definition: the nodes reachable from <c>start_node</c>,
/// their predecessors and successors by index, and the output nodes. Compile once per definition version;
/// create a <see cref="GraphScheduler"/> per run.
/// </summary>
public sealed class ExecutionPlan
{
    private ExecutionPlan() => throw new NotImplementedException();

    /// <summary>The start node's ID.</summary>
    public string StartNode => throw new NotImplementedException();

    /// <summary>Reachable nodes in a deterministic topological order.</summary>
    public IReadOnlyList<string> Nodes => throw new NotImplementedException();

    /// <summary>Reachable <c>output-node</c>s, in topological order.</summary>
    public IReadOnlyList<string> OutputNodes => throw new NotImplementedException();

    /// <summary>Compiles a definition. Throws <see cref="InvalidOperationException"/> when it has no usable start node or has a cycle (validate first).</summary>
    public static ExecutionPlan Compile(WorkflowDefinition definition) => throw new NotImplementedException();
}
