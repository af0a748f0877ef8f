using Microsoft.DurableTask.Client;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Http;

/// <summary>
/// A run as the API shows it, read from the orchestration: the output when it has finished, the custom status
/// while it runs. A terminated orchestration (hard cancel) or a crashed one has no output: their status comes
/// from the runtime status.
/// </summary>
public static class RunView
{
    public static object From(string id, OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<WorkflowRunResult>() is { } result:
                return new { id, status = Word(result.Status.ToString()), result };
            case OrchestrationRuntimeStatus.Terminated:
                return new { id, status = "cancelled", error = new { message = metadata.SerializedOutput ?? "The run was cancelled." } };
            case OrchestrationRuntimeStatus.Failed:
                return new { id, status = "failed", error = new { message = metadata.FailureDetails?.ErrorMessage ?? "The run failed." } };
            case OrchestrationRuntimeStatus.Pending:
                return new { id, status = "queued" };
            default:
                // A run is final only once its orchestration has completed with its output; until then the
                // custom status may already say how it will end, but the result is not readable yet.
                var progress = metadata.ReadCustomStatusAs<WorkflowRunProgress>();
                var status = progress?.Status == Engine.Execution.RunStatus.Waiting ? "waiting" : "running";
                return new { id, status, progress };
        }
    }

    private static string Word(string status) => status.ToLowerInvariant();
}
