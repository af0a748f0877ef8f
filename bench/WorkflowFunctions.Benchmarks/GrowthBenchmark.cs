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
/// is reported. Usage: <c>growth [rounds, default 5] [chain lengths, default 50,200,500] [fan-out, default 1000]</c>.
/// </summary>
internal static class GrowthBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var chains = args.Length > 1 ? args[1].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : [50, 200, 500];
        var fanOut = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly, typeof(BenchFunctions).Assembly],
            builder => builder.Services.AddNodeExecutor(new BenchExecutor(NodeTypes.Llm)),
            new Dictionary<string, string?>());
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        // Warm-up: every shape a few times (a 200-node chain is 400 episodes), until the JIT has promoted the hot
        // paths; the rounds then visit the shapes in turn, so load from outside and the runtime's own drift spread
        // over all of them alike rather than landing on one.
        var shapes = chains.Select(n => (Label: $"chain of {n}", Nodes: n, Request: Request(Chain(n)), Floor: BenchFunctions.BareChain))
            .Append((Label: $"fan-out of {fanOut}", Nodes: fanOut, Request: Request(FanOut(fanOut)), Floor: BenchFunctions.BareFanOut))
            .ToList();
        for (var i = 0; i < 5; i++)
        {
            await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, Request(Chain(200)));
            await MeasureAsync(client, BenchFunctions.BareChain, 200);
            await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, Request(FanOut(200)));
            await MeasureAsync(client, BenchFunctions.BareFanOut, 200);
        }

        var runs = shapes.Select(_ => new List<(double Cpu, double Wall)>()).ToList();
        var floors = shapes.Select(_ => new List<(double Cpu, double Wall)>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < shapes.Count; k++)
            {
                runs[k].Add(await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, shapes[k].Request));
                floors[k].Add(await MeasureAsync(client, shapes[k].Floor, shapes[k].Nodes));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {rounds} rounds, process CPU and wall time per node (load {Measures.Load()})"));
        Console.WriteLine(
            "shape                     | run: CPU ms/node, wall ms/node | engine floor: CPU ms/node, wall ms/node | run/floor CPU | run CPU by round");
        for (var k = 0; k < shapes.Count; k++)
        {
            var nodes = shapes[k].Nodes;
            var (cpu, wall) = (Measures.Median(runs[k].Select(r => r.Cpu)) / nodes, Measures.Median(runs[k].Select(r => r.Wall)) / nodes);
            var (floorCpu, floorWall) = (Measures.Median(floors[k].Select(r => r.Cpu)) / nodes, Measures.Median(floors[k].Select(r => r.Wall)) / nodes);
            var byRound = string.Join(" ", runs[k].Select(r => (r.Cpu / nodes).ToString("0.00", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shapes[k].Label,-25} | {cpu,6:0.000}, {wall,6:0.000} | {floorCpu,6:0.000}, {floorWall,6:0.000} | {cpu / floorCpu:0.00}x | {byRound}"));
        }
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
}
