namespace WorkflowFunctions.Nodes;

/// <summary>
/// Runs one kind of I/O node (LLM call, HTTP call...). The <c>ExecuteNode</c> activity finds the executor for a
/// node's type in the <see cref="NodeExecutorRegistry"/>, so adding a node type means adding an executor only.
/// Executors render the node's templates themselves (<see cref="NodeExecutionRequest.TemplateScope"/>)
/// because only they know which fields of their node are templates.
/// </summary>
public interface INodeExecutor
{
    /// <summary>The node type this executor runs, e.g. <c>basic-node</c>.</summary>
    string NodeType { get; }

    /// <summary>
    /// Runs the node once. Return <see cref="NodeExecutionResult.Failure"/> for expected failures (retryable or
    /// not); an exception counts as a retryable failure. The token fires at the node's timeout or on shutdown.
    /// </summary>
    Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken);
}
