namespace WorkflowFunctions.Nodes;

/// <summary>
/// Stands in for a node type whose real executor is not part of this deployment yet, so such nodes fail with
/// a clear message instead of "no executor". Any real executor registered for the type replaces it.
/// </summary>
public sealed class UnconfiguredNodeExecutor(string nodeType) : INodeExecutor
{
    public string NodeType { get; } = nodeType;

    public Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(NodeExecutionResult.Failure(
            $"Node type '{NodeType}' is not configured in this deployment: no executor is installed for it.",
            retryable: false));
}
