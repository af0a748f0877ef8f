using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace WorkflowFunctions.Benchmarks;

/// <summary>The raw engine floor: a bare orchestration calling one no-op activity, registered like the app's functions.</summary>
public static class BenchFunctions
{
    public const string BareOrchestrator = "BenchBareOrchestrator";
    public const string Noop = "BenchNoop";

    [Function(BareOrchestrator)]
    public static async Task<string> Bare([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.CallActivityAsync<string>(Noop, context.GetInput<string>());
    }

    [Function(Noop)]
    public static string NoopActivity([ActivityTrigger] string? input) => input ?? string.Empty;
}
