using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>
/// Test-only fan-out: every activity waits at a <see cref="Rendezvous"/> until all have arrived, so the
/// orchestration completes only if the engine runs them all at the same time.
/// </summary>
public sealed class FanOutFunctions(Rendezvous rendezvous)
{
    public const string Orchestrator = "FanOut";
    public const string Activity = "MeetAtRendezvous";

    [Function(Orchestrator)]
    public static async Task<int> FanOut([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.GetInput<int>();
        var arrivals = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(Activity, i)));
        return arrivals.Length;
    }

    [Function(Activity)]
    public Task<int> Meet([ActivityTrigger] int index, CancellationToken cancellationToken) => rendezvous.ArriveAsync(index, cancellationToken);
}
