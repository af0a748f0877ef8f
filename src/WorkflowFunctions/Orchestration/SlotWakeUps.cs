using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Wakes runs that were handed a concurrency slot. Sent by the orchestrator that freed the slot, after the activity
/// that wrote the hand-over: the send is part of the orchestrator's own next commit, so it is not lost to a crash
/// between the write and the wake-up (a duplicate is harmless; a waiting run's re-check covers anything else).
/// </summary>
internal static class SlotWakeUps
{
    public static void Send(TaskOrchestrationContext context, IReadOnlyList<string>? runIds)
    {
        foreach (var runId in runIds ?? [])
        {
            context.SendEvent(runId, RunEvents.Slot, RunSlotGrant.Handed);
        }
    }
}
