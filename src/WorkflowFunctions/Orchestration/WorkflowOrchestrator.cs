using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The orchestrator of one workflow run: input <see cref="WorkflowRunRequest"/>, output <see cref="WorkflowRunResult"/>,
/// custom status <see cref="WorkflowRunProgress"/>, external events <see cref="RunEvents"/>. The Functions entry
/// point reads the input and calls <see cref="RunAsync"/>, which the LocalHost and tests call directly.
/// </summary>
public sealed class WorkflowOrchestrator(IOptions<OrchestrationOptions> options)
{
    [Function(FunctionNames.WorkflowOrchestrator)]
    public Task<WorkflowRunResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<WorkflowRunRequest>()
            ?? throw new InvalidOperationException("The workflow orchestrator needs a WorkflowRunRequest input.");
        return RunAsync(context, request);
    }

    /// <summary>Runs the workflow; deterministic, so it replays.</summary>
    public Task<WorkflowRunResult> RunAsync(TaskOrchestrationContext context, WorkflowRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return new WorkflowRun(context, request, options.Value).ExecuteAsync();
    }
}
