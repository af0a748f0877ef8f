using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Orchestration;

/// <summary>Loads a <c>workflow-node</c>'s child definition: the orchestrator itself does no I/O.</summary>
public sealed class WorkflowDefinitionActivities(IWorkflowDefinitionSource source)
{
    [Function(FunctionNames.LoadWorkflowDefinition)]
    public Task<StoredWorkflowDefinition?> LoadWorkflowDefinition([ActivityTrigger] WorkflowDefinitionQuery query, CancellationToken cancellationToken) =>
        source.FindAsync(query, cancellationToken);
}
