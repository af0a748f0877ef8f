using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// Reference 004's execution status words. A run waiting to start (queued, or a batch item not started yet) is
/// <c>initial</c>; waiting for an approval is <c>human_in_the_loop</c>; the document has no word for cancelled, so a
/// cancelled run is <c>error</c> like a failed one.
/// </summary>
public static class ScriptSoStatuses
{
    public const string Initial = "initial";
    public const string Processing = "processing";
    public const string HumanInTheLoop = "human_in_the_loop";
    public const string Finished = "finished";
    public const string Error = "error";

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => Initial,
        RunStatus.Running => Processing,
        RunStatus.Waiting => HumanInTheLoop,
        RunStatus.Succeeded => Finished,
        RunStatus.Failed or RunStatus.Cancelled => Error,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };
}
