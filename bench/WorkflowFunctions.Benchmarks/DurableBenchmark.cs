using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Execution;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// End-to-end benchmark on the in-memory Durable Task engine, hosted exactly as the LocalHost hosts the app:
/// (a) N runs of the reference 003 workflow with zero-latency executors (runs/s, p50/p95 latency);
/// (b) the raw floor: N bare orchestrations each calling one no-op activity (the same activity count), alternating
/// with (a) over three rounds; for reference also a bare orchestration that reads the same ~3 KB run request;
/// (c) a 20-node DAG of parallel 100 ms nodes: makespan against the critical path.
/// </summary>
internal static class DurableBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly, typeof(BenchFunctions).Assembly],
            builder => builder.Services.AddNodeExecutor(new BenchExecutor(NodeTypes.Llm)),
            new Dictionary<string, string?>());
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var reference = JsonSerializer.SerializeToElement(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-003-workflow.json")))!["data"]);

        var pure = JsonSerializer.SerializeToElement(JsonNode.Parse("""
            {"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{}},{"id":"o","type":"output-node","data":{"output":"{{ input.category }}"}}],"edges":[{"source":"t","target":"o"}]}
            """));
        Func<int, (string, object)> referenceRun = i => Workflow(reference, i);
        Func<int, (string, object)> bareRun = _ => (BenchFunctions.BareOrchestrator, "x");
        Func<int, (string, object)> bareWithRequestRun = i => (BenchFunctions.BareWithRequest, Workflow(reference, i).Input);

        // Warm up every path (JIT, connections) before measuring.
        await MeasureAsync(client, 50, referenceRun);
        await MeasureAsync(client, 50, bareRun);
        await MeasureAsync(client, 50, bareWithRequestRun);

        // (a) and (b) alternate, so load from other processes on a shared machine hits both alike; the ratio is
        // taken per round and the median reported. CPU time per run is the process's own, so it is steadier than
        // throughput when the machine is busy.
        const int rounds = 3;
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        var requestRatios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var workflow = await MeasureAsync(client, runs, referenceRun);
            var bare = await MeasureAsync(client, runs, bareRun);
            var bareWithRequest = await MeasureAsync(client, runs, bareWithRequestRun);
            Print($"(a) round {round}: {runs} reference-003 runs", workflow);
            Print($"(b) round {round}: {runs} bare orchestrations + 1 no-op activity", bare);
            Print($"(info) round {round}: {runs} bare orchestrations reading the same run request + 1 no-op activity", bareWithRequest);
            ratios.Add(workflow.Elapsed / bare.Elapsed);
            cpuRatios.Add(workflow.CpuMs / bare.CpuMs);
            requestRatios.Add(workflow.Elapsed / bareWithRequest.Elapsed);
        }

        var pureRuns = await MeasureAsync(client, runs, i => Workflow(pure, i));
        Print($"(info) {runs} runs of a pure trigger -> output workflow (no activity)", pureRuns);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead ratio (a)/(b): median {Median(ratios):0.00}x (rounds {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}), CPU per run {Median(cpuRatios):0.00}x (goal <= 1.5x)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(info) ratio (a) / bare with the same run request: median {Median(requestRatios):0.00}x"));

        var (makespan, critical) = await MakespanAsync(client);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(c) 20-node DAG of 100 ms nodes: makespan {makespan.TotalMilliseconds:0} ms, critical path {critical.TotalMilliseconds:0} ms, +{(makespan / critical - 1) * 100:0.0}% (goal <= 10%)"));
    }

    private static (string Name, object Input) Workflow(JsonElement definition, int i) =>
        (FunctionNames.WorkflowOrchestrator, new WorkflowRunRequest
        {
            WorkflowId = "bench",
            Version = 1,
            AccountId = "bench",
            Definition = definition,
            Input = JsonSerializer.SerializeToElement(new { category = i % 2 == 0 ? "positive" : "negative" }),
        });

    private sealed record Measurement(TimeSpan Elapsed, int Count, double P50, double P95, int Failed, double CpuMs);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<Measurement> MeasureAsync(DurableTaskClient client, int count, Func<int, (string Name, object Input)> start)
    {
        var latencies = new double[count];
        var failed = 0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var (name, input) = start(i);
            var started = Stopwatch.GetTimestamp();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, ct);
            var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var ok = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                && (name != FunctionNames.WorkflowOrchestrator || metadata.ReadOutputAs<WorkflowRunResult>()?.Status == Engine.Execution.RunStatus.Succeeded);
            if (!ok)
            {
                Interlocked.Increment(ref failed);
            }
        });
        clock.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Array.Sort(latencies);
        return new Measurement(clock.Elapsed, count, latencies[count / 2], latencies[(int)(count * 0.95)], failed, cpuMs);
    }

    private static void Print(string label, Measurement m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {m.Elapsed.TotalSeconds:0.00} s, {m.Count / m.Elapsed.TotalSeconds:0} runs/s, latency p50 {m.P50:0} ms, p95 {m.P95:0} ms, CPU {m.CpuMs / m.Count:0.00} ms/run, failed {m.Failed}"));

    /// <summary>Trigger, three parallel chains of six 100 ms nodes, and an output join: 20 nodes, critical path 600 ms.</summary>
    private static async Task<(TimeSpan Makespan, TimeSpan Critical)> MakespanAsync(DurableTaskClient client)
    {
        const int chains = 3;
        const int length = 6;
        const int delayMs = 100;
        var nodes = new JsonArray { new JsonObject { ["id"] = "t", ["type"] = NodeTypes.Trigger, ["data"] = new JsonObject() } };
        var edges = new JsonArray();
        for (var c = 0; c < chains; c++)
        {
            for (var k = 0; k < length; k++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"c{c}n{k}");
                nodes.Add(new JsonObject
                {
                    ["id"] = id,
                    ["type"] = NodeTypes.Llm,
                    ["data"] = new JsonObject { ["delay_ms"] = delayMs, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "x" }) },
                });
                edges.Add(new JsonObject { ["source"] = k == 0 ? "t" : string.Create(CultureInfo.InvariantCulture, $"c{c}n{k - 1}"), ["target"] = id });
            }

            edges.Add(new JsonObject { ["source"] = string.Create(CultureInfo.InvariantCulture, $"c{c}n{length - 1}"), ["target"] = "o" });
        }

        nodes.Add(new JsonObject { ["id"] = "o", ["type"] = NodeTypes.Output, ["data"] = new JsonObject() });
        var definition = JsonSerializer.SerializeToElement(new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges });
        var best = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, new WorkflowRunRequest { WorkflowId = "dag", Version = 1, Definition = definition });
            var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            var result = metadata.ReadOutputAs<WorkflowRunResult>()!;
            if (result.Status != Engine.Execution.RunStatus.Succeeded)
            {
                throw new InvalidOperationException($"The DAG run ended {result.Status}: {result.Error?.Message}");
            }

            var makespan = result.CompletedAt - result.StartedAt;
            best = makespan < best ? makespan : best;
        }

        return (best, TimeSpan.FromMilliseconds(length * delayMs));
    }
}
