namespace WorkflowFunctions.Nodes;

/// <summary>
/// Thrown by the <c>ExecuteNode</c> activity for a retryable node failure: Durable retry policies retry only
/// activities that throw, and the orchestrator reads the message from the failure details.
/// </summary>
public sealed class NodeExecutionException : Exception
{
    public NodeExecutionException()
    {
    }

    public NodeExecutionException(string message)
        : base(message)
    {
    }

    public NodeExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
