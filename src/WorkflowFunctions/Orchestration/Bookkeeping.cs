using Microsoft.DurableTask;

namespace WorkflowFunctions.Orchestration;

/// <summary>The orchestrators' bookkeeping activities (run index, batch rows, definitions): how they are retried.</summary>
internal static class Bookkeeping
{
    /// <summary>
    /// About ten minutes of storage trouble, then the activity's failure reaches the orchestrator: a run still
    /// completes (its result stays readable) and only its history row is stale; a batch stops where it is.
    /// </summary>
    public static TaskOptions Retry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(2)));
}
