using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A capped run's wait for a concurrency slot of its workflow, before its first node: it claims one through the
/// <c>ClaimRunSlot</c> activity and, when none is free, waits in line (published as <c>queued</c> with its position)
/// until a run that ends hands it its slot (the <see cref="RunEvents.Slot"/> event), it is cancelled, or its periodic
/// re-check finds it holds one, which covers a wake-up that never arrived and a slot its holder left behind.
/// </summary>
internal sealed partial class WorkflowRun
{
    private bool _queued;
    private int? _queuePosition;

    /// <summary>The run's claim on its workflow's slots, once made: what its recorded end releases.</summary>
    public RunSlotClaim? SlotClaim { get; private set; }

    /// <summary>Waits until the run holds a slot (null) or is cancelled while it waits (the reason).</summary>
    private async Task<RunError?> WaitForSlotAsync(RunSlot slot, Task<RunCancellation> cancelEvent)
    {
        // An API run's place in line is when it was accepted; a batch item's when its batch started it (the batch's own
        // window admits items one by one), so items and other runs share the line fairly. Both replay identically.
        var queuedAt = _request.Index is { BatchId: null } index ? index.CreatedAt : new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero);
        SlotClaim = RunSlotClaim.Of(RunId, _request.AccountId, _request.WorkflowId, slot, queuedAt);
        _queued = true;
        PublishProgress();
        var grant = await ClaimSlotAsync(SlotClaim);
        if (grant.Held)
        {
            _queued = false;
            return null;
        }

        using var slotEventCancellation = new CancellationTokenSource();
        var slotEvent = _context.WaitForExternalEvent<RunSlotGrant>(RunEvents.Slot, slotEventCancellation.Token);
        try
        {
            while (!grant.Held)
            {
                _queuePosition = grant.Position ?? _queuePosition;
                PublishProgress();
                using var recheckCancellation = new CancellationTokenSource();
                var recheck = _context.CreateTimer(_context.CurrentUtcDateTime.AddSeconds(Math.Max(1, _concurrency.RecheckSeconds)), recheckCancellation.Token);
                var finished = await Task.WhenAny(slotEvent, recheck, cancelEvent);
                recheckCancellation.Cancel();
                if (finished == cancelEvent)
                {
                    var reason = cancelEvent.IsCompletedSuccessfully ? cancelEvent.Result?.Reason : null;
                    return new RunError(null, string.IsNullOrWhiteSpace(reason) ? "Cancelled" : reason);
                }

                grant = finished == slotEvent ? RunSlotGrant.Handed : await ClaimSlotAsync(SlotClaim with { Recheck = true });
            }
        }
        finally
        {
            slotEventCancellation.Cancel();
            _queued = false;
        }

        Logs.RunSlotTaken(_logger, RunId, _request.WorkflowId);
        return null;
    }

    /// <summary>
    /// Claims (or re-checks) the slot and wakes the runs the same write gave a slot to. When storage stays out of reach
    /// through the activity's retries, the run keeps waiting and tries again at its next re-check: it never runs without
    /// a slot, and never fails for want of one.
    /// </summary>
    private async Task<RunSlotGrant> ClaimSlotAsync(RunSlotClaim claim)
    {
        RunSlotGrant grant;
        try
        {
            grant = await _context.CallActivityAsync<RunSlotGrant>(FunctionNames.ClaimRunSlot, claim, Bookkeeping.Retry);
        }
        catch (TaskFailedException ex)
        {
            Logs.RunSlotNotClaimed(_logger, RunId, ex.Message);
            return new RunSlotGrant { Held = false, Position = _queuePosition };
        }

        SlotWakeUps.Send(_context, grant.Wake);
        return grant;
    }
}
