using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Workflows;

/// <summary>A saved workflow, one of its versions, and that version's prepared definition.</summary>
public sealed record LoadedWorkflow(WorkflowRecord Workflow, WorkflowVersionRecord Version, PreparedWorkflow Prepared)
{
    /// <summary>Null when the account has no such workflow or version.</summary>
    public static async Task<LoadedWorkflow?> LoadAsync(WorkflowRepository workflows, PreparedWorkflowCache definitions, string accountId, string id, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(definitions);
        var workflow = await workflows.FindAsync(accountId, id, cancellationToken).ConfigureAwait(false);
        if (workflow is null)
        {
            return null;
        }

        var stored = await workflows.GetVersionAsync(accountId, workflow, version, cancellationToken).ConfigureAwait(false);
        return stored?.Definition is null ? null : new LoadedWorkflow(workflow, stored, definitions.Prepare(stored.Definition, stored.Hash));
    }
}
