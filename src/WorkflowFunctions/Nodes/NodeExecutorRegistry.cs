namespace WorkflowFunctions.Nodes;

/// <summary>
/// The executors registered in DI, by node type. A real executor wins over an
/// <see cref="UnconfiguredNodeExecutor"/> placeholder for the same type whatever the registration order;
/// between two real ones, the last registered wins (as with DI overrides).
/// </summary>
public sealed class NodeExecutorRegistry
{
    private readonly Dictionary<string, INodeExecutor> _byType = new(StringComparer.Ordinal);

    public NodeExecutorRegistry(IEnumerable<INodeExecutor> executors)
    {
        ArgumentNullException.ThrowIfNull(executors);
        foreach (var executor in executors)
        {
            if (executor is UnconfiguredNodeExecutor
                && _byType.TryGetValue(executor.NodeType, out var existing)
                && existing is not UnconfiguredNodeExecutor)
            {
                continue;
            }

            _byType[executor.NodeType] = executor;
        }
    }

    /// <summary>The node types with an executor.</summary>
    public IReadOnlyCollection<string> NodeTypes => _byType.Keys;

    public bool TryGet(string nodeType, out INodeExecutor executor) => _byType.TryGetValue(nodeType, out executor!);
}
