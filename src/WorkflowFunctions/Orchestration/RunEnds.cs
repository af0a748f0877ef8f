using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>How an orchestrator records a run's end: the <c>RecordRunCompletion</c> activity, then waking the runs a capped run's slot went to.</summary>
internal static class RunEnds
{
    /// <summary>Throws <see cref="TaskFailedException"/> when the activity fails through its retries.</summary>
    public static async Task RecordAsync(TaskOrchestrationContext context, RunCompletion completion) =>
        SlotWakeUps.Send(context, await context.CallActivityAsync<IReadOnlyList<string>?>(FunctionNames.RecordRunCompletion, completion, Bookkeeping.Retry));
}
