using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

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
        var every = host.Services.GetRequiredService<IOptions<OrchestrationOptions>>().Value.CheckpointEveryNodes;

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
            await MeasureAsync(client, BenchFunctions.BareChainCarrying, Carrying(Request(Chain(200)), 200, every));
            await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, Request(FanOut(200)));
            await MeasureAsync(client, BenchFunctions.BareFanOut, 200);
        }

        var runs = shapes.Select(_ => new List<(double Cpu, double Wall, double Allocated)>()).ToList();
        var floors = shapes.Select(_ => new List<(double Cpu, double Wall, double Allocated)>()).ToList();
        var carrying = shapes.Select(_ => new List<(double Cpu, double Wall, double Allocated)>()).ToList();
        using var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOC") is null ? null : new AllocationSampler();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < shapes.Count; k++)
            {
                runs[k].Add(await MeasureAsync(client, FunctionNames.WorkflowOrchestrator, shapes[k].Request));
                floors[k].Add(await MeasureAsync(client, shapes[k].Floor, shapes[k].Nodes));
                if (shapes[k].Floor == BenchFunctions.BareChain)
                {
                    carrying[k].Add(await MeasureAsync(client, BenchFunctions.BareChainCarrying, Carrying(shapes[k].Request, shapes[k].Nodes, every)));
                }
            }
        }

        sampler?.Report(30);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {rounds} rounds, process CPU and wall time per node (load {Measures.Load()})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checkpoints every {every} I/O nodes (Orchestration__CheckpointEveryNodes); a chain's second floor carries the same bytes "
            + $"({CheckpointBytesPerNode()} per node done, and the pinned definition) and continues as new as often"));
        Console.WriteLine(
            "shape                     | run: CPU ms/node, wall ms/node | engine floor: CPU ms/node, wall ms/node | run/floor CPU | run CPU by round "
            + "| floor carrying the run's state: CPU ms/node, run/it | KiB allocated per node: run, floor, floor carrying");
        for (var k = 0; k < shapes.Count; k++)
        {
            var nodes = shapes[k].Nodes;
            var (cpu, wall) = (Measures.Median(runs[k].Select(r => r.Cpu)) / nodes, Measures.Median(runs[k].Select(r => r.Wall)) / nodes);
            var (floorCpu, floorWall) = (Measures.Median(floors[k].Select(r => r.Cpu)) / nodes, Measures.Median(floors[k].Select(r => r.Wall)) / nodes);
            var byRound = string.Join(" ", runs[k].Select(r => (r.Cpu / nodes).ToString("0.00", CultureInfo.InvariantCulture)));
            var carryingCpu = carrying[k].Count == 0 ? 0 : Measures.Median(carrying[k].Select(r => r.Cpu)) / nodes;
            var carried = carrying[k].Count == 0 ? " | " : string.Create(CultureInfo.InvariantCulture, $" | {carryingCpu,6:0.000}, {cpu / carryingCpu:0.00}x");
            double KiB(List<(double Cpu, double Wall, double Allocated)> measured) =>
                measured.Count == 0 ? 0 : Measures.Median(measured.Select(r => r.Allocated)) / 1024 / nodes;
            carried += string.Create(CultureInfo.InvariantCulture, $" | {KiB(runs[k]):0.0}, {KiB(floors[k]):0.0}, {KiB(carrying[k]):0.0}");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{shapes[k].Label,-25} | {cpu,6:0.000}, {wall,6:0.000} | {floorCpu,6:0.000}, {floorWall,6:0.000} | {cpu / floorCpu:0.00}x | ")
                + byRound + carried);
        }
    }

    private static async Task<(double Cpu, double Wall, double Allocated)> MeasureAsync(DurableTaskClient client, string name, object input)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
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

        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        await client.PurgeInstanceAsync(id);
        return (cpu, clock.Elapsed.TotalMilliseconds, allocated);
    }

    /// <summary>The carrying floor's input for a chain of <paramref name="nodes"/>: the run's request as its pinned bytes.</summary>
    private static CarryingChain Carrying(WorkflowRunRequest request, int nodes, int every) => new(
        nodes + 2,
        0,
        every > 0 ? every : int.MaxValue,
        CheckpointBytesPerNode(),
        new string('x', JsonSerializer.SerializeToUtf8Bytes(request, DurablePayloadJson.Options).Length),
        []);

    /// <summary>What one finished LLM node of a chain adds to a checkpoint: its record, marks and transition.</summary>
    private static int CheckpointBytesPerNode()
    {
        var at = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        var node = new CheckpointNode(
            new NodeRunRecord
            {
                Id = "n250",
                Type = NodeTypes.Llm,
                Status = Engine.Execution.NodeStatus.Succeeded,
                Result = new JsonObject { ["content"] = "done n250" },
                StartedAt = at,
                CompletedAt = at.AddMilliseconds(3),
                Attempts = 1,
            },
            new NodeTimeline { Start = new EventMark(501, 123_456), End = new EventMark(502, 123_459) },
            21);
        int Size(RunCheckpoint checkpoint) => JsonSerializer.SerializeToUtf8Bytes(checkpoint, DurablePayloadJson.Options).Length;
        return Size(new RunCheckpoint { Nodes = [node], Transitions = [new SchedulerTransition("n250")] }) - Size(new RunCheckpoint());
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
