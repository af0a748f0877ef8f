using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Execution;

/// <summary>Loads a <c>workflow-node</c>'s child definition: the orchestrator itself does no I/O.</summary>
public sealed class WorkflowDefinitionActivities(IWorkflowDefinitionSource source)
{
    [Function(FunctionNames.LoadWorkflowDefinition)]
    public Task<StoredWorkflowDefinition?> LoadWorkflowDefinition([ActivityTrigger] WorkflowDefinitionQuery query, CancellationToken cancellationToken) =>
        source.FindAsync(query, cancellationToken);
}
