namespace WorkflowFunctions.Engine.Evaluation;

/// <summary>A pure node cannot be evaluated because its configuration is unusable; the message names the field.</summary>
public sealed class NodeEvaluationException : Exception
{
    public NodeEvaluationException()
    {
    }

    public NodeEvaluationException(string message)
        : base(message)
    {
    }

    public NodeEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
