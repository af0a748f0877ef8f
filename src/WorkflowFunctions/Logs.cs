using Microsoft.Extensions.Logging;
using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions;

/// <summary>The app's structured log messages (event IDs 1000-1999: orchestration and node execution).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Run {RunId} started (workflow {WorkflowId} v{Version}, depth {Depth})")]
    public static partial void RunStarted(ILogger logger, string runId, string workflowId, int version, int depth);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Run {RunId} finished: {Status}")]
    public static partial void RunFinished(ILogger logger, string runId, RunStatus status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Run {RunId}: node {NodeId} failed: {Error}")]
    public static partial void NodeFailed(ILogger logger, string runId, string nodeId, string error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Run {RunId}: the {NodeType} executor threw for node {NodeId}")]
    public static partial void NodeExecutorThrew(ILogger logger, Exception exception, string runId, string nodeId, string nodeType);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Run {RunId} finished but its run-index row was not updated: {Error}")]
    public static partial void RunIndexNotUpdated(ILogger logger, string runId, string error);

    [LoggerMessage(
        EventId = 1005,
        Level = LogLevel.Warning,
        Message = "Run {RunId} was scheduled but its run-history row was not written at start (it is written when the run ends): {Error}")]
    public static partial void RunNotRecordedAtStart(ILogger logger, string runId, string error);

    [LoggerMessage(
        EventId = 1006,
        Level = LogLevel.Warning,
        Message = "Run {RunId}: its large result could not be written to the result store and stays its output: {Error}")]
    public static partial void RunResultNotStored(ILogger logger, string runId, string error);

    [LoggerMessage(
        EventId = 1007,
        Level = LogLevel.Warning,
        Message = "Reading {Kind} {Id} for its event streams failed ({Failures} in a row; reading again after a back-off): {Error}")]
    public static partial void FeedReadFailed(ILogger logger, string kind, string id, int failures, string error);

    [LoggerMessage(
        EventId = 1008,
        Level = LogLevel.Information,
        Message = "Run {RunId} continued as new from checkpoint {Generation} (after event {LastSeq}, {Bytes} bytes)")]
    public static partial void RunCheckpointed(ILogger logger, string runId, int generation, int lastSeq, int bytes);

    [LoggerMessage(
        EventId = 1009,
        Level = LogLevel.Warning,
        Message = "Run {RunId} takes no more checkpoints: one would be {Bytes} bytes, past the limit of {Limit} bytes; it replays its whole history")]
    public static partial void RunCheckpointTooLarge(ILogger logger, string runId, int bytes, int limit);
}
