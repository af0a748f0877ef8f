using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// Saved workflows as a caller's account sees them: by id or integer alias, a pinned version or the latest, with the
/// version's definition prepared through the one <see cref="DefinitionCache"/> (saved versions are immutable, so a
/// version is parsed once per instance, not on every run start). Another account's workflow is not found.
/// </summary>
public sealed class WorkflowReader(WorkflowRepository workflows, DefinitionCache definitions)
{
    public async Task<Outcome<WorkflowRecord>> FindAsync(string accountId, string idOrAlias, CancellationToken cancellationToken) =>
        await workflows.FindAsync(accountId, idOrAlias, cancellationToken).ConfigureAwait(false) is { } workflow
            ? workflow
            : Failure.NotFound("Workflow", idOrAlias);

    /// <summary>A version (the latest when <paramref name="version"/> is null) with its prepared definition.</summary>
    public async Task<Outcome<LoadedWorkflow>> LoadAsync(string accountId, string idOrAlias, int? version, CancellationToken cancellationToken)
    {
        var workflow = await workflows.FindAsync(accountId, idOrAlias, cancellationToken).ConfigureAwait(false);
        var stored = workflow is null ? null : await workflows.GetVersionAsync(accountId, workflow, version, cancellationToken).ConfigureAwait(false);
        if (workflow is null || stored?.Definition is not { } text)
        {
            return version is null ? Failure.NotFound("Workflow", idOrAlias) : Failure.NotFound("Workflow version", $"{idOrAlias}@{version}");
        }

        return new LoadedWorkflow(workflow, stored, definitions.Prepare(text));
    }

    public Task<Page<WorkflowRecord>> ListAsync(string accountId, WorkflowListQuery query, CancellationToken cancellationToken) =>
        workflows.ListAsync(accountId, query, cancellationToken);

    public async Task<Outcome<(WorkflowRecord Workflow, IReadOnlyList<WorkflowVersionRecord> Versions)>> VersionsAsync(
        string accountId, string idOrAlias, CancellationToken cancellationToken)
    {
        var workflow = await workflows.FindAsync(accountId, idOrAlias, cancellationToken).ConfigureAwait(false);
        return workflow is null
            ? Failure.NotFound("Workflow", idOrAlias)
            : (workflow, await workflows.ListVersionsAsync(accountId, workflow.Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A definition that is not saved (submitted for validation or an ad-hoc run), prepared the same way.</summary>
    public PreparedWorkflow Prepare(string definitionText) => definitions.Prepare(definitionText);
}
