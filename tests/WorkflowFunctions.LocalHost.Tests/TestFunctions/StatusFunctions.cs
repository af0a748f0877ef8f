using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>
/// Test-only: sets a custom status of the given number of characters, then waits a moment (the episode that completes
/// an orchestration carries no custom status) and completes.
/// </summary>
public static class StatusFunctions
{
    public const string Orchestrator = "SetLongStatus";

    [Function(Orchestrator)]
    public static async Task<string> SetLongStatus([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(new string('s', context.GetInput<int>()));
        await context.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        return "done";
    }
}
