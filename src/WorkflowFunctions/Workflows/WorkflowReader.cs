using System.Text.Json;
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
    /// <summary>How many workflows a numbered list page counts at most.</summary>
    public const int MaxNumberedWorkflows = 10_000;

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

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the workflows matching <paramref name="filters"/> (its project and
    /// title; its limit and position are ignored), newest first, with how many match, for APIs that page by number.
    /// Counting reads every matching list row, up to <see cref="MaxNumberedWorkflows"/> (the count stops there).
    /// </summary>
    public async Task<NumberedPage<WorkflowRecord>> ListNumberedAsync(
        string accountId, WorkflowListQuery filters, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var skip = (long)(page - 1) * pageSize;
        var items = new List<WorkflowRecord>();
        var count = 0;
        string? after = null;
        do
        {
            var query = filters with { Limit = Math.Min(1000, MaxNumberedWorkflows - count), After = after };
            var rows = await workflows.ListAsync(accountId, query, cancellationToken).ConfigureAwait(false);
            foreach (var workflow in rows.Items)
            {
                if (count >= skip && items.Count < pageSize)
                {
                    items.Add(workflow);
                }

                count++;
            }

            after = rows.Next;
        }
        while (after is not null && count < MaxNumberedWorkflows);

        return new NumberedPage<WorkflowRecord>(items, count);
    }

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

    /// <summary>The definition a run pinned, compiled: the same cache entry its orchestrator uses.</summary>
    /// <exception cref="InvalidOperationException">The definition cannot be compiled.</exception>
    /// <exception cref="JsonException">The definition is not JSON.</exception>
    public PreparedWorkflow Pinned(JsonElement definition) => definitions.Get(definition);
}
