using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// <c>workflow-node</c>s run saved workflows of their run's account from the workflow table (ID or integer alias,
/// a pinned version or the latest). Workflows registered in <see cref="InMemoryWorkflowDefinitionSource"/> (tests,
/// embedded hosts) are found first.
/// </summary>
public sealed class StoredWorkflowDefinitionSource(WorkflowRepository workflows, InMemoryWorkflowDefinitionSource registered, DefinitionCache definitions)
    : IWorkflowDefinitionSource
{
    public async Task<StoredWorkflowDefinition?> FindAsync(WorkflowDefinitionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await registered.FindAsync(query, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        var workflow = await workflows.FindAsync(query.AccountId, query.WorkflowId, cancellationToken).ConfigureAwait(false);
        if (workflow is null)
        {
            return null;
        }

        var version = await workflows.GetVersionAsync(query.AccountId, workflow, query.Version, cancellationToken).ConfigureAwait(false);
        if (version?.Definition is not { } text)
        {
            return null;
        }

        // Sub-runs and batch runs pin the executable form, as top-level runs do.
        return new StoredWorkflowDefinition(workflow.Id, version.Version, definitions.Prepare(text).Executable);
    }
}
