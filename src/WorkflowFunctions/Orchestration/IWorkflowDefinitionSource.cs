using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Where <c>workflow-node</c>s find the workflows they run. The storage layer replaces the in-memory default
/// (<see cref="InMemoryWorkflowDefinitionSource"/>) with the saved-workflow table.
/// </summary>
public interface IWorkflowDefinitionSource
{
    /// <summary>The requested version (or the latest when <see cref="WorkflowDefinitionQuery.Version"/> is null); null when not found.</summary>
    Task<StoredWorkflowDefinition?> FindAsync(WorkflowDefinitionQuery query, CancellationToken cancellationToken);
}
