using Microsoft.Extensions.Logging;

namespace WorkflowFunctions;

/// <summary>Log messages of the node executors (event IDs 1100-1199). Messages never carry API keys or bodies.</summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 1100,
        Level = LogLevel.Warning,
        Message = "Run {RunId}: LLM call for node {NodeId} (model {Model}) failed, retryable {Retryable}: {Error}")]
    public static partial void LlmCallFailed(ILogger logger, string runId, string nodeId, string model, bool retryable, string error);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Run {RunId}: HTTP node {NodeId} refused to connect to {Host}: {Reason}")]
    public static partial void HttpNodeRefused(ILogger logger, string runId, string nodeId, string host, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Run {RunId}: HTTP node {NodeId} failed, retryable {Retryable}: {Error}")]
    public static partial void HttpNodeFailed(ILogger logger, string runId, string nodeId, bool retryable, string error);
}
