using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// How a run's cost grows with its size (issue #17, goal 4): process CPU per node for a sequential chain of 50, 200
/// and 500 zero-latency LLM nodes and for a fan-out of 1,000 parallel ones, each beside the engine's own floor
/// counted the same way (a bare orchestration calling as many no-op activities in the same shape). On the in-memory
/// Durable Task engine, hosted as the LocalHost hosts it; one run at a time, so the process's CPU is that run's
/// (engine, orchestrator replays, activities and client). Each shape runs after a warm-up, the median of its rounds
/// is reported. Usage: <c>growth [rounds, default 3] [chain lengths, default 50,200,500] [fan-out, default 1000]</c>.
/// </summary>
internal static class GrowthBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var chains = args.Length > 1 ? args[1].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : [50, 200, 500];
        var fanOut = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly, typeof(BenchFunctions).Assembly],
            builder => builder.Services.AddNodeExecutor(new BenchExecutor(NodeTypes.Llm)),
            new Dictionary<string, string?>());
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        // Warm-up: the smallest shapes a few times each, so the JIT has promoted the hot paths before any round.
        for (var i = 0; i < 3; i++)
        {
            await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, Request(Chain(chains[0])));
            await MeasureAsync(client, BenchFunctions.BareChain, chains[0]);
            await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, Request(FanOut(100)));
            await MeasureAsync(client, BenchFunctions.BareFanOut, 100);
        }

        Console.WriteLine("shape                     | run: CPU ms/node, wall ms/node | engine floor: CPU ms/node, wall ms/node | run/floor CPU");
        foreach (var length in chains)
        {
            await ReportAsync(client, $"chain of {length}", length, rounds, Request(Chain(length)), BenchFunctions.BareChain);
        }

        await ReportAsync(client, $"fan-out of {fanOut}", fanOut, rounds, Request(FanOut(fanOut)), BenchFunctions.BareFanOut);
    }

    private static async Task ReportAsync(DurableTaskClient client, string label, int nodes, int rounds, WorkflowRunRequest request, string floor)
    {
        var runs = new List<(double Cpu, double Wall)>();
        var floors = new List<(double Cpu, double Wall)>();
        for (var round = 0; round < rounds; round++)
        {
            runs.Add(await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, request));
            floors.Add(await MeasureAsync(client, floor, nodes));
        }

        var (cpu, wall) = (Median(runs.Select(r => r.Cpu)) / nodes, Median(runs.Select(r => r.Wall)) / nodes);
        var (floorCpu, floorWall) = (Median(floors.Select(r => r.Cpu)) / nodes, Median(floors.Select(r => r.Wall)) / nodes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-25} | {cpu,6:0.000}, {wall,6:0.000} | {floorCpu,6:0.000}, {floorWall,6:0.000} | {cpu / floorCpu:0.00}x"));
    }

    private static async Task<(double Cpu, double Wall)> MeasureAsync(DurableTaskClient client, string name, object input)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var ok = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            && (name != FunctionNames.WorkflowOrchestrator
                || metadata.ReadOutputAs<WorkflowRunResult>()?.Status == Engine.Execution.RunStatus.Succeeded);
        if (!ok)
        {
            var error = name == FunctionNames.WorkflowOrchestrator ? metadata.ReadOutputAs<WorkflowRunResult>()?.Error?.Message : null;
            throw new InvalidOperationException($"{name} ended {metadata.RuntimeStatus}: {error ?? metadata.FailureDetails?.ErrorMessage}");
        }

        await client.PurgeInstanceAsync(id);
        return (cpu, clock.Elapsed.TotalMilliseconds);
    }

    private static WorkflowRunRequest Request(JsonObject definition) =>
        new() { WorkflowId = "growth", Version = 1, Definition = JsonSerializer.SerializeToElement(definition) };

    /// <summary>Trigger, <paramref name="length"/> LLM nodes one after another, output.</summary>
    private static JsonObject Chain(int length)
    {
        var nodes = new JsonArray { Node("t", NodeTypes.Trigger) };
        var edges = new JsonArray();
        var previous = "t";
        for (var k = 0; k < length; k++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"n{k}");
            nodes.Add(Llm(id));
            edges.Add(Edge(previous, id));
            previous = id;
        }

        nodes.Add(Node("o", NodeTypes.Output));
        edges.Add(Edge(previous, "o"));
        return new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges };
    }

    /// <summary>Trigger, <paramref name="width"/> LLM nodes side by side, an output joining them.</summary>
    private static JsonObject FanOut(int width)
    {
        var nodes = new JsonArray { Node("t", NodeTypes.Trigger) };
        var edges = new JsonArray();
        for (var k = 0; k < width; k++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"n{k}");
            nodes.Add(Llm(id));
            edges.Add(Edge("t", id));
            edges.Add(Edge(id, "o"));
        }

        nodes.Add(Node("o", NodeTypes.Output));
        return new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges };
    }

    private static JsonObject Node(string id, string type) => new() { ["id"] = id, ["type"] = type, ["data"] = new JsonObject() };

    private static JsonObject Llm(string id) => new()
    {
        ["id"] = id,
        ["type"] = NodeTypes.Llm,
        ["data"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "x" }) },
    };

    private static JsonObject Edge(string source, string target) => new() { ["source"] = source, ["target"] = target };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
