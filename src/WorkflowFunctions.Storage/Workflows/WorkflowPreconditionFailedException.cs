namespace WorkflowFunctions.Storage.Workflows;

/// <summary>A conditional update or delete found the workflow changed since the caller read it; nothing was written.</summary>
public sealed class WorkflowPreconditionFailedException(WorkflowRecord current)
    : Exception($"Workflow '{current?.Id}' changed since it was read.")
{
    /// <summary>The workflow as it is now.</summary>
    public WorkflowRecord Current { get; } = current!;
}
