using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage.Slots;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The activity through which a capped run claims a concurrency slot of its workflow. A waiting run's re-check also looks
/// for leaked slots, at most once per re-check interval per workflow: a holder whose orchestration has ended (or is gone)
/// without freeing its slot (its end could not be recorded through every retry, or a terminate was interrupted) has it
/// freed and handed on, which is the only way a slot could otherwise stay taken. A holder whose orchestration cannot be
/// read is a sub-orchestration (a batch item) whose first episode, the one that claimed, is not stored yet
/// (<see cref="FirstEpisode"/>) for <see cref="FirstEpisode.StoreGrace"/> after it took the slot, and only gone after.
/// </summary>
public sealed class RunSlotActivities(RunSlots slots, IOptions<ConcurrencyOptions> options, TimeProvider time, ILogger<RunSlotActivities> logger)
{
    [Function(FunctionNames.ClaimRunSlot)]
    public async Task<RunSlotGrant> ClaimRunSlot(
        [ActivityTrigger] RunSlotClaim claim, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(client);
        var grant = await slots.AcquireAsync(claim.ToClaim(), claim.Recheck, cancellationToken).ConfigureAwait(false);
        if (grant.RunEnded)
        {
            // This claim ran again after its run ended (at-least-once delivery around a crash): its answer goes nowhere,
            // so the runs the give-back of its slot let start are woken from here.
            Logs.RunSlotClaimAfterEnd(logger, claim.WorkflowId, claim.RunId);
            foreach (var runId in grant.Promoted)
            {
                await client.RaiseEventAsync(runId, RunEvents.Slot, RunSlotGrant.Handed, cancellationToken).ConfigureAwait(false);
            }

            return new RunSlotGrant { Held = false };
        }

        var wake = grant.Promoted.ToList();
        var interval = TimeSpan.FromSeconds(options.Value.RecheckSeconds);
        if (grant.Held || !claim.Recheck
            || !await slots.TryStartReapingAsync(claim.AccountId, claim.WorkflowId, interval, cancellationToken).ConfigureAwait(false))
        {
            return new RunSlotGrant { Held = grant.Held, Position = grant.Held ? null : grant.Position, Wake = wake };
        }

        var reaped = false;
        foreach (var holder in await slots.HoldersAsync(claim.AccountId, claim.WorkflowId, cancellationToken).ConfigureAwait(false))
        {
            var instance = await client.GetInstanceAsync(holder.RunId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance is null ? time.GetUtcNow() - holder.Since >= FirstEpisode.StoreGrace : instance.IsCompleted)
            {
                Logs.RunSlotReaped(logger, claim.WorkflowId, holder.RunId, instance?.RuntimeStatus.ToString() ?? "gone");
                var leaked = new SlotClaim(claim.AccountId, claim.WorkflowId, holder.RunId);
                wake.AddRange(await slots.ReleaseAsync(leaked, cancellationToken).ConfigureAwait(false));
                reaped = true;
            }
        }

        if (wake.Remove(claim.RunId))
        {
            return new RunSlotGrant { Held = true, Wake = wake };
        }

        var position = reaped ? await slots.PositionAsync(claim.ToClaim(), cancellationToken).ConfigureAwait(false) : grant.Position;
        return new RunSlotGrant { Held = false, Position = position, Wake = wake };
    }
}
