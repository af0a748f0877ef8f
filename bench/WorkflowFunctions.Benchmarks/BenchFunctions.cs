using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Benchmarks;

/// <summary>The raw engine floors: bare orchestrations calling one no-op activity, registered like the app's functions.</summary>
public static class BenchFunctions
{
    public const string BareOrchestrator = "BenchBareOrchestrator";
    public const string Noop = "BenchNoop";
    public const string BareWithRequest = "BenchBareWithRequest";

    [Function(BareOrchestrator)]
    public static async Task<string> Bare([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.CallActivityAsync<string>(Noop, context.GetInput<string>());
    }

    /// <summary>The floor for the same input: reads the run request a workflow run gets, then calls one no-op activity.</summary>
    [Function(BareWithRequest)]
    public static async Task<string> BareReadingRequest([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<WorkflowRunRequest>();
        return await context.CallActivityAsync<string>(Noop, request?.WorkflowId);
    }

    [Function(Noop)]
    public static string NoopActivity([ActivityTrigger] string? input) => input ?? string.Empty;
}
