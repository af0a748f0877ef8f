using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Benchmarks;

/// <summary>The raw engine floors: bare orchestrations calling one no-op activity, registered like the app's functions.</summary>
public static class BenchFunctions
{
    public const string BareOrchestrator = "BenchBareOrchestrator";
    public const string Noop = "BenchNoop";
    public const string BareWithRequest = "BenchBareWithRequest";
    public const string SameData = "BenchSameData";
    public const string SizedEcho = "BenchSizedEcho";
    public const string BareChain = "BenchBareChain";
    public const string BareFanOut = "BenchBareFanOut";
    public const string BareChainCarrying = "BenchBareChainCarrying";
    public const string CountedNoop = "BenchCountedNoop";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> s_ends = new();
    private static int s_counted;

    /// <summary>The sizes <see cref="SameDataAsRun"/> moves, measured from a reference-003 run by the benchmark.</summary>
    public static (int ActivityInput, int ActivityOutput, int Status, int Output) Sizes { get; set; }

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

    /// <summary>
    /// The floor for the same data movement: reads the same run request, keeps a run timer and a cancel wait,
    /// publishes a custom status, sends and receives an activity payload and returns an output, each the size a
    /// reference-003 run has, but evaluates no graph. What a workflow run costs beyond this is the orchestrator's
    /// own work.
    /// </summary>
    [Function(SameData)]
    public static async Task<string> SameDataAsRun([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<WorkflowRunRequest>();
        var sizes = Sizes;
        using var timerCancellation = new CancellationTokenSource();
        using var eventCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(15), timerCancellation.Token);
        var cancel = context.WaitForExternalEvent<string>("cancel", eventCancellation.Token);
        context.SetCustomStatus(new string('s', Math.Max(0, sizes.Status - 2)));
        var activity = context.CallActivityAsync<string>(SizedEcho, new string('i', Math.Max(0, sizes.ActivityInput - 2)) + request?.WorkflowId);
        await Task.WhenAny(activity, timer, cancel);
        timerCancellation.Cancel();
        eventCancellation.Cancel();
        await activity;
        context.SetCustomStatus(null);
        return new string('o', Math.Max(0, sizes.Output - 2));
    }

    /// <summary>
    /// The engine's own floor for a chain, and for a run's shape: N no-op activities one after another (N + 1
    /// episodes), the last of them counted in <see cref="CountedEnds"/> and ending <see cref="EndOf"/> (as a run's
    /// recorded end raises its signal), so a benchmark can wait for them without reading storage.
    /// </summary>
    [Function(BareChain)]
    public static async Task<int> BareChainOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.GetInput<int>();
        for (var i = 1; i < count; i++)
        {
            await context.CallActivityAsync<string>(Noop, "x");
        }

        if (count > 0)
        {
            await context.CallActivityAsync<string>(CountedNoop, context.InstanceId);
        }

        return count;
    }

    /// <summary>How many <see cref="CountedNoop"/> activities have run in this process.</summary>
    public static int CountedEnds => Volatile.Read(ref s_counted);

    /// <summary>
    /// Waits until <see cref="CountedEnds"/> reaches <paramref name="target"/>, looking every 50 ms (no storage read);
    /// a timeout after <paramref name="timeout"/> says how many are missing.
    /// </summary>
    public static async Task WaitForCountedEndsAsync(int target, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (CountedEnds < target)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{target - CountedEnds} bare orchestrations did not reach their last activity within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A task that completes when the <see cref="BareChain"/> orchestration <paramref name="instanceId"/> reaches its
    /// last activity in this process: the floor's counterpart of the signal a run's recorded end raises, which API
    /// waiters wake on. Call it before scheduling the instance.
    /// </summary>
    public static Task EndOf(string instanceId) =>
        s_ends.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    [Function(CountedNoop)]
    public static string CountedNoopActivity([ActivityTrigger] string? input)
    {
        Interlocked.Increment(ref s_counted);
        if (input is not null && s_ends.TryRemove(input, out var end))
        {
            end.TrySetResult();
        }

        return input ?? string.Empty;
    }

    /// <summary>
    /// The engine's own floor for a chain that carries what a checkpointed run carries: the no-op chain of
    /// <see cref="BareChain"/>, whose input holds a pinned string (the definition's bytes) and, per node done before its
    /// generation, a string of <see cref="CarryingChain.BytesPerNode"/> chars (a node's bytes in a checkpoint); after
    /// <see cref="CarryingChain.Every"/> activities it continues as new with them, as the run does.
    /// </summary>
    [Function(BareChainCarrying)]
    public static async Task<int> BareChainCarryingOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chain = context.GetInput<CarryingChain>()!;
        var done = chain.Done;
        for (var step = 0; done < chain.Count - 1; done++, step++)
        {
            if (step == chain.Every)
            {
                var carried = chain.Carried.Concat(Enumerable.Repeat(new string('x', chain.BytesPerNode), step)).ToList();
                context.ContinueAsNew(chain with { Done = done, Carried = carried });
                return 0;
            }

            await context.CallActivityAsync<string>(Noop, "x");
        }

        await context.CallActivityAsync<string>(CountedNoop, context.InstanceId);
        return chain.Count;
    }

    /// <summary>The engine's own floor for a fan-out: N no-op activities at once, then their join.</summary>
    [Function(BareFanOut)]
    public static async Task<int> BareFanOutOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.GetInput<int>();
        var calls = Enumerable.Range(0, count).Select(_ => context.CallActivityAsync<string>(Noop, "x")).ToList();
        return (await Task.WhenAll(calls)).Length;
    }

    /// <summary>A no-op activity whose result is as large as an LLM node's result in the reference run.</summary>
    [Function(SizedEcho)]
    public static string SizedEchoActivity([ActivityTrigger] string? input) => new('r', Math.Max(0, Sizes.ActivityOutput - 2));

    [Function(Noop)]
    public static string NoopActivity([ActivityTrigger] string? input) => input ?? string.Empty;
}

/// <summary>The input of <see cref="BenchFunctions.BareChainCarrying"/>.</summary>
public sealed record CarryingChain(int Count, int Done, int Every, int BytesPerNode, string Pinned, IReadOnlyList<string> Carried);
