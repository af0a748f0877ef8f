using Microsoft.Extensions.Logging;

namespace WorkflowFunctions;

/// <summary>Log messages of per-workflow concurrency slots (event IDs 1200-1299).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Run {RunId} took a slot of workflow {WorkflowId} after waiting in line")]
    public static partial void RunSlotTaken(ILogger logger, string runId, string workflowId);

    [LoggerMessage(
        EventId = 1201,
        Level = LogLevel.Warning,
        Message = "Run {RunId} could not claim a concurrency slot (it keeps waiting and tries again at its next re-check): {Error}")]
    public static partial void RunSlotNotClaimed(ILogger logger, string runId, string error);

    [LoggerMessage(
        EventId = 1202,
        Level = LogLevel.Warning,
        Message = "Workflow {WorkflowId}: run {RunId} held a slot after its orchestration ended ({RuntimeStatus}); the slot was freed")]
    public static partial void RunSlotReaped(ILogger logger, string workflowId, string runId, string runtimeStatus);

    [LoggerMessage(
        EventId = 1203,
        Level = LogLevel.Warning,
        Message = "Run {RunId} was terminated but its concurrency slot was not freed (a waiting run's re-check frees it): {Error}")]
    public static partial void RunSlotNotReleased(ILogger logger, string runId, string error);

    [LoggerMessage(
        EventId = 1204,
        Level = LogLevel.Information,
        Message = "Workflow {WorkflowId}: a claim of run {RunId} ran again after the run ended (at-least-once); what it took was given back")]
    public static partial void RunSlotClaimAfterEnd(ILogger logger, string workflowId, string runId);
}
