using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// Saving workflows. A graph with errors is saved too, as a draft: its findings are reported with it and a run of it
/// is refused with them (see <see cref="Runs.RunInputs"/>), so an editor can keep unfinished work. A changed graph
/// makes a new immutable version; the same graph sent again makes none. One error refuses the save itself: a workflow
/// node that certainly runs the workflow being saved (<see cref="SelfCalls"/>), which no run could ever finish.
/// </summary>
public sealed class WorkflowCommands(
    WorkflowRepository workflows, WorkflowReader reader, RunSlots slots, IOptions<ConcurrencyOptions> concurrency, TimeProvider time)
{
    public Task<Outcome<LoadedWorkflow>> CreateAsync(
        Caller caller, string title, string? project, string? description, string definition, CancellationToken cancellationToken) =>
        CreateAsync(caller, title, project, description, definition, null, cancellationToken);

    /// <summary>Saves a new workflow; <paramref name="maxConcurrentRuns"/> is its own cap (null: the account's default; 0: none).</summary>
    public async Task<Outcome<LoadedWorkflow>> CreateAsync(
        Caller caller, string title, string? project, string? description, string definition, int? maxConcurrentRuns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var created = await workflows.CreateAsync(caller.AccountId, title, project, description, definition, maxConcurrentRuns, cancellationToken)
            .ConfigureAwait(false);
        return await reader.LoadAsync(caller.AccountId, created.Id, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies <paramref name="changes"/>; a failed precondition changes nothing and says so.</summary>
    public async Task<Outcome<LoadedWorkflow>> UpdateAsync(Caller caller, string idOrAlias, WorkflowChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Definition is { } definition && await SelfCallsAsync(caller, idOrAlias, definition, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        WorkflowRecord? updated;
        try
        {
            updated = await workflows.UpdateAsync(caller.AccountId, idOrAlias, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowPreconditionFailedException failed)
        {
            return PreconditionFailed(failed);
        }

        if (updated is not null && (changes.MaxConcurrentRuns is not null || changes.ClearMaxConcurrentRuns))
        {
            // The new cap governs the runs already waiting too, from now on (a run started later carries it as well).
            var cap = concurrency.Value.CapFor(caller.AccountId, updated.MaxConcurrentRuns) ?? 0;
            await slots.SetLimitAsync(caller.AccountId, updated.Id, cap, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return updated is null
            ? Failure.NotFound("Workflow", idOrAlias)
            : await reader.LoadAsync(caller.AccountId, updated.Id, null, cancellationToken).ConfigureAwait(false) is { Succeeded: true } loaded
                ? loaded.Value with { Workflow = updated }
                : Failure.NotFound("Workflow", idOrAlias);
    }

    public async Task<Outcome<bool>> DeleteAsync(Caller caller, string idOrAlias, Func<WorkflowRecord, bool>? precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            return await workflows.DeleteAsync(caller.AccountId, idOrAlias, cancellationToken, precondition).ConfigureAwait(false)
                ? true
                : Failure.NotFound("Workflow", idOrAlias);
        }
        catch (WorkflowPreconditionFailedException failed)
        {
            return PreconditionFailed(failed);
        }
    }

    /// <summary>The refusal when the new graph calls the workflow it is saved over (its ID, alias or UUID, no version pinned), else null.</summary>
    private async Task<Failure?> SelfCallsAsync(Caller caller, string idOrAlias, string definition, CancellationToken cancellationToken)
    {
        if (await workflows.FindAsync(caller.AccountId, idOrAlias, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return null;
        }

        var prepared = reader.Prepare(definition);
        var byUuid = current.Uuid is { } uuid ? SelfCalls.Find(prepared.Definition, uuid, null) : [];
        IReadOnlyList<ValidationFinding> selfCalls = [.. SelfCalls.Find(prepared.Definition, current.Id, current.Alias), .. byUuid];
        return selfCalls.Count == 0 ? null : Failure.InvalidDefinition(new ValidationReport([.. selfCalls, .. prepared.Report.Findings]));
    }

    private static Failure PreconditionFailed(WorkflowPreconditionFailedException failed)
    {
        var tag = WorkflowTags.Of(failed.Current);
        var message = $"Workflow '{failed.Current.Id}' changed since it was read (If-Match does not match its ETag {tag}); "
            + "nothing was changed. Read it again and retry.";
        return Failure.PreconditionFailed(message) with { EntityTag = tag };
    }
}
