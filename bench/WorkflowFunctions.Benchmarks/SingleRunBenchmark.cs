using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Testing;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// Single runs as clients make them (issue 17, goals 2 and 3): N clients each start a run of the three-node
/// trigger -> LLM (zero latency) -> output workflow and wait for its result, one run after another, over HTTP on the
/// LocalHost. <c>poll</c>: <c>POST /runs</c>, then <c>GET /runs/{id}/result?timeout=30000</c>; <c>wait</c>:
/// <c>POST /runs?wait=30</c>. Reports runs/s and each run's start-to-result latency (p50/p95/p99/max), overall and by
/// thirds (whether the rate holds as the run index grows).
/// Beside it, counted the same way after their own warm-up: two authenticated HTTP requests alone, and through the
/// engine's client with no HTTP the orchestrator alone, the orchestrator recording its end in the run history, and a
/// bare orchestration of two no-op activities (the engine's floor for a run's shape).
/// Usage: <c>single [memory|azurite] [runs] [clients] [poll|wait] [storage connection string]</c>; environment:
/// <c>BENCH_NO_FLOORS</c> skips the floors, <c>BENCH_ALLOC</c> samples the measured runs' allocations by type,
/// <c>BENCH_GRPC</c> counts their gRPC calls by method, <c>BENCH_SLOW_MS</c> prints every run slower than that.
/// </summary>
internal static class SingleRunBenchmark
{
    private const string Key = "bench-key";

    public static async Task RunAsync(string[] args)
    {
        var backend = args.Length > 0 ? args[0] : "memory";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        var wait = args.Length > 3 && args[3] == "wait";
        var connection = args.Length > 4 ? args[4] : "UseDevelopmentStorage=true";
        if (backend == "azurite" && args.Length <= 4 && !await Azurite.IsRunningAsync())
        {
            throw new InvalidOperationException("Azurite is not listening on 127.0.0.1:10000-10002; start it first.");
        }

        var suffix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        var settings = new Dictionary<string, string?>
        {
            ["Auth:BootstrapKey"] = Key,
            ["Api:RateLimitPerMinute"] = "100000000",
        };
        if (backend == "azurite")
        {
            settings["AzureWebJobsStorage"] = connection;
            settings["Storage:TablePrefix"] = "bench" + suffix;
            settings["Storage:PayloadContainer"] = "bench-" + suffix;
            settings["DURABLE_TASK_HUB_NAME"] = "bench" + suffix;
        }

        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly, typeof(BenchFunctions).Assembly],
            builder => builder.Services.AddNodeExecutor(new BenchExecutor(NodeTypes.Llm)),
            settings);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        var (workflow, definition) = await CreateWorkflowAsync(http);

        // Warm-up until the CPU per run settles: tiered compilation keeps promoting hot code for thousands of runs
        // (after a 200-run warm-up, the JIT took 11% of the measured CPU and a run cost 3x its steady state), and a
        // service runs warm.
        var warm = Math.Min(1000, runs);
        await WarmUpAsync("HTTP runs", warm, () => RunManyAsync(http, workflow, warm, clients, wait));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gcPause = GC.GetTotalPauseDuration();
        var gcs = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes();
        using var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOC") is null ? null : new AllocationSampler();
        using var calls = Environment.GetEnvironmentVariable("BENCH_GRPC") is null ? null : new GrpcCallCounter();
        var (elapsed, latencies, starts) = await RunManyAsync(http, workflow, runs, clients, wait);
        sampler?.Report(40);
        calls?.Report(runs);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== single runs, {backend}, {clients} clients, {(wait ? "POST ?wait=30" : "POST then GET result?timeout")}: "
            + $"{runs} runs in {elapsed.TotalSeconds:0.00} s, "
            + $"{runs / elapsed.TotalSeconds:0} runs/s; {Describe(latencies)}; process CPU {cpu.TotalMilliseconds / runs:0.00} ms per run, "
            + $"{allocated / 1024.0 / runs:0} KiB allocated per run"));
        Console.WriteLine($"   the POST alone: {Describe(starts)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   GC pauses {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:0} ms ({GC.CollectionCount(2) - gcs} gen2); "
            + $"threads {ThreadPool.ThreadCount}; load {Measures.Load()}"));
        var third = runs / 3;
        for (var part = 0; part < 3; part++)
        {
            var slice = latencies.Skip(part * third).Take(third).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   runs {part * third + 1}-{(part + 1) * third} (in start order): mean {slice.Average():0.0} ms, {Describe(slice)}"));
        }

        if (Environment.GetEnvironmentVariable("BENCH_NO_FLOORS") is not null)
        {
            return;
        }

        // What one authenticated HTTP request costs here (client and server are both in this process): reading the
        // workflow, twice per run, as many requests as a run's start and long-poll.
        await WarmUpAsync("HTTP reads", warm, () => ReadManyAsync(http, workflow, 2 * warm, clients));
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var reads = Stopwatch.StartNew();
        await ReadManyAsync(http, workflow, 2 * runs, clients);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== HTTP only, GET the workflow twice per run, {clients} clients: {2 * runs} requests in {reads.Elapsed.TotalSeconds:0.00} s, "
            + $"process CPU {cpu.TotalMilliseconds / runs:0.00} ms per two requests"));

        // The floors, counted the same way (same process, clients and run count, through the engine's client with no
        // HTTP): the same workflow run by its orchestrator without the API or the run history (one activity, two
        // episodes), and a bare orchestration of the engine shape an API run has (two no-op activities, the LLM call
        // and the recorded end: three episodes).
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var request = new WorkflowRunRequest { WorkflowId = workflow, Version = 1, Definition = JsonSerializer.SerializeToElement(definition) };
        Func<int, (string, object)> orchestrator = i => (FunctionNames.WorkflowOrchestrator, request with
        {
            Input = JsonSerializer.SerializeToElement(new { n = i.ToString(CultureInfo.InvariantCulture) }),
        });
        Func<int, (string, object)> recorded = i => (FunctionNames.WorkflowOrchestrator, WorkflowRunRequest.TopLevel(
            "bench", workflow, 1, request.Definition, new JsonObject { ["n"] = i.ToString(CultureInfo.InvariantCulture) }, null, DateTimeOffset.UtcNow));
        Func<int, (string, object)> bare = _ => (BenchFunctions.BareChain, 2);
        (string, Func<int, (string, object)>)[] floors =
        [
            ("the orchestrator alone", orchestrator),
            ("the orchestrator recording its end in the run history", recorded),
            ("bare floor, 2 no-op activities", bare),
        ];
        foreach (var (label, start) in floors)
        {
            await WarmUpAsync(label, warm, () => RunManyOnEngineAsync(client, warm, clients, start));
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            allocated = GC.GetTotalAllocatedBytes();
            var (engineElapsed, engineLatencies) = await RunManyOnEngineAsync(client, runs, clients, start);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            allocated = GC.GetTotalAllocatedBytes() - allocated;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== engine client, {label}, {clients} clients: {runs} runs in {engineElapsed.TotalSeconds:0.00} s, "
                + $"{runs / engineElapsed.TotalSeconds:0} runs/s; {Describe(engineLatencies)}; process CPU {cpu.TotalMilliseconds / runs:0.00} ms per run, "
                + $"{allocated / 1024.0 / runs:0} KiB allocated per run"));
        }
    }

    /// <summary>
    /// Passes of <paramref name="pass"/> until two in a row cost within 5% of each other in CPU, from the tenth pass on
    /// (at most 20): tiered compilation promotes a method only once no new method has been compiled for a while, so on
    /// this path the CPU per run plateaus for a few passes and then falls again, for about 10,000 runs.
    /// </summary>
    private static async Task WarmUpAsync(string label, int runs, Func<Task> pass)
    {
        var costs = new List<double>();
        for (var i = 1; i <= 20; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await pass();
            costs.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs);
            if (i >= 10 && Math.Abs(costs[^1] - costs[^2]) <= 0.05 * costs[^2])
            {
                break;
            }
        }

        var passes = string.Join(", ", costs.Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   warm-up, {label}: CPU ms per run by pass of {runs}: {passes}"));
    }

    private static async Task ReadManyAsync(HttpClient http, string workflow, int requests, int clients)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                using var response = await http.GetAsync(new Uri($"/api/v1/workflows/{workflow}", UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            }
        })));
    }

    private static async Task<(TimeSpan Elapsed, double[] Latencies)> RunManyOnEngineAsync(
        DurableTaskClient client, int runs, int clients, Func<int, (string Name, object Input)> start)
    {
        var latencies = new double[runs];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < runs)
            {
                var started = Stopwatch.GetTimestamp();
                var (name, input) = start(i);
                var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input);
                var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{name} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
                }
            }
        })));
        return (clock.Elapsed, latencies);
    }

    private static string Describe(double[] latencies) => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(latencies, 0.5):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, "
        + $"max {latencies.Max():0} ms, "
        + $">500 ms: {latencies.Count(l => l > 500)}");

    private static async Task<(TimeSpan Elapsed, double[] Latencies, double[] Starts)> RunManyAsync(
        HttpClient http, string workflow, int runs, int clients, bool wait)
    {
        var latencies = new double[runs];
        var starts = new double[runs];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < runs)
            {
                var started = Stopwatch.GetTimestamp();
                var n = i.ToString(CultureInfo.InvariantCulture);
                using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/runs{(wait ? "?wait=30" : string.Empty)}", new { n });
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                starts[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Start failed ({(int)response.StatusCode}): {body}");
                }

                var id = body!["id"]!.GetValue<string>();
                while (body!["status"]?.GetValue<string>() is not ("succeeded" or "failed" or "cancelled"))
                {
                    body = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{id}/result?timeout=30000");
                    if (body!["done"]?.GetValue<bool>() == true)
                    {
                        break;
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (Environment.GetEnvironmentVariable("BENCH_SLOW_MS") is { } slow && latencies[i] > double.Parse(slow, CultureInfo.InvariantCulture))
                {
                    // Whether slow runs come together (a stall of the whole process) or alone (a missed wake-up).
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"   slow: run {id} started at {(clock.Elapsed.TotalMilliseconds - latencies[i]):0} ms, "
                        + $"POST {starts[i]:0} ms, total {latencies[i]:0} ms"));
                }
            }
        })));
        return (clock.Elapsed, latencies, starts);
    }

    private static async Task<(string Id, JsonObject Definition)> CreateWorkflowAsync(HttpClient http)
    {
        var definition = new JsonObject
        {
            ["start_node"] = "t",
            ["nodes"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "t",
                    ["type"] = NodeTypes.Trigger,
                    ["data"] = new JsonObject { ["input_fields"] = new JsonArray(new JsonObject { ["id"] = "n", ["title"] = "N", ["type"] = "text" }) },
                },
                new JsonObject
                {
                    ["id"] = "llm",
                    ["type"] = NodeTypes.Llm,
                    ["data"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "item {{ input.n }}" }) },
                },
                new JsonObject { ["id"] = "o", ["type"] = NodeTypes.Output, ["data"] = new JsonObject { ["output"] = "{{ llm.result.content }}" } },
            },
            ["edges"] = new JsonArray(new JsonObject { ["source"] = "t", ["target"] = "llm" }, new JsonObject { ["source"] = "llm", ["target"] = "o" }),
        };
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", new JsonObject { ["title"] = "single", ["data"] = definition.DeepClone() });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.IsSuccessStatusCode
            ? (body!["id"]!.GetValue<string>(), definition)
            : throw new InvalidOperationException($"Creating the workflow failed: {body}");
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }
}
