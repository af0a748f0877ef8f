using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
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
/// engine's client with no HTTP the floors of <see cref="Floors"/>.
/// Usage: <c>single [memory|azurite] [runs] [clients] [poll|wait|orchestrator|recorded|bare] [storage connection
/// string]</c>; a floor's name measures that floor alone in a fresh task hub. Environment: <c>BENCH_NO_FLOORS</c>
/// skips the floors, <c>BENCH_AZURITE_PID</c> (the emulator's process id) adds its CPU per run, <c>BENCH_ALLOC</c>
/// samples the measured runs' allocations by type, <c>BENCH_GRPC</c> counts their gRPC calls by method,
/// <c>BENCH_SLOW_MS</c> prints every HTTP run slower than that.
/// </summary>
internal static class SingleRunBenchmark
{
    private const string Key = "bench-key";

    public static async Task RunAsync(string[] args)
    {
        var backend = args.Length > 0 ? args[0] : "memory";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        var mode = args.Length > 3 ? args[3] : "poll";
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
        // service runs warm. On Azurite a pass of 1,000 runs takes minutes: one pass of 200 warms the connections and
        // tables, and the measured runs report by thirds how the rate moves as the process warms and the emulator's
        // tables grow.
        var (warm, minPasses) = backend == "memory" ? (Math.Min(1000, runs), 10) : (Math.Min(200, runs), 1);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var floors = Floors(workflow, definition);
        if (floors.TryGetValue(mode, out var only))
        {
            // One floor alone, in a fresh task hub: on Azurite, the emulator's tables then hold only its own runs.
            await MeasureAsync(mode, runs, warm, minPasses, n => TimedAsync(n, clients, i => only(client, i)));
            return;
        }

        await MeasureAsync(
            $"HTTP, {(mode == "wait" ? "POST ?wait=30" : "POST then GET result?timeout")}", runs, warm, minPasses,
            n => RunManyAsync(http, workflow, n, clients, mode == "wait"));
        if (Environment.GetEnvironmentVariable("BENCH_NO_FLOORS") is not null)
        {
            return;
        }

        // What one authenticated HTTP request costs here (client and server are both in this process): reading the
        // workflow, twice per run, as many requests as a run's start and long-poll.
        await MeasureAsync("HTTP only, GET the workflow twice per run", runs, warm, minPasses, n => ReadManyAsync(http, workflow, 2 * n, clients));
        foreach (var (name, floor) in floors)
        {
            await MeasureAsync(name, runs, warm, minPasses, n => TimedAsync(n, clients, i => floor(client, i)));
        }
    }

    /// <summary>
    /// The floors, counted the same way (same process, clients and run count, through the engine's client with no
    /// HTTP): <c>orchestrator</c>, the same workflow run by its orchestrator without the API or the run history (one
    /// activity, two episodes); <c>recorded</c>, the same recording its end in the run history as an API run does;
    /// <c>bare</c>, a bare orchestration of the engine shape an API run has (two no-op activities, for the LLM call
    /// and the recorded end: three episodes), its end seen in process when its last activity runs, as a run's
    /// recorded end wakes its API waiters.
    /// </summary>
    private static Dictionary<string, Func<DurableTaskClient, int, Task>> Floors(string workflow, JsonObject definition)
    {
        var request = new WorkflowRunRequest { WorkflowId = workflow, Version = 1, Definition = JsonSerializer.SerializeToElement(definition) };
        return new()
        {
            ["orchestrator"] = (client, i) => CompleteAsync(client, request with { Input = JsonSerializer.SerializeToElement(Input(i)) }),
            ["recorded"] = (client, i) => CompleteAsync(
                client, WorkflowRunRequest.TopLevel("bench", workflow, 1, request.Definition, Input(i), null, DateTimeOffset.UtcNow)),
            ["bare"] = (client, _) => BareChainAsync(client, 2),
        };
    }

    // A workflow run through the engine's client, to its end.
    private static async Task CompleteAsync(DurableTaskClient client, WorkflowRunRequest request)
    {
        var instance = await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, request);
        var metadata = await client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The run ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        }
    }

    // A bare chain, to its last activity, seen in process as an API waiter is woken by a run's recorded end: on
    // Azurite the engine client's wait polls the instance table, which would measure its poll interval.
    private static async Task BareChainAsync(DurableTaskClient client, int activities)
    {
        var id = Guid.NewGuid().ToString("N");
        var end = BenchFunctions.EndOf(id);
        await client.ScheduleNewOrchestrationInstanceAsync(BenchFunctions.BareChain, activities, new StartOrchestrationOptions(id));
        await end.WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static JsonObject Input(int i) => new() { ["n"] = i.ToString(CultureInfo.InvariantCulture) };

    /// <summary>
    /// Warms up with passes of <paramref name="batch"/>(<paramref name="warm"/>), then measures
    /// <paramref name="batch"/>(<paramref name="runs"/>): rate, latency overall and by thirds (in start order), process
    /// CPU and allocations per run, GC, and the emulator's CPU per run when <c>BENCH_AZURITE_PID</c> names it.
    /// </summary>
    private static async Task MeasureAsync(string label, int runs, int warm, int minPasses, Func<int, Task<double[]>> batch)
    {
        await WarmUpAsync(label, warm, minPasses, () => batch(warm));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var emulatorCpu = Measures.EmulatorCpu();
        var gcPause = GC.GetTotalPauseDuration();
        var gcs = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        double[] latencies;
        using (var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOC") is null ? null : new AllocationSampler())
        using (var calls = Environment.GetEnvironmentVariable("BENCH_GRPC") is null ? null : new GrpcCallCounter())
        {
            latencies = await batch(runs);
            sampler?.Report(40);
            calls?.Report(runs);
        }

        var elapsed = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        var emulator = emulatorCpu is { } before && Measures.EmulatorCpu() is { } after
            ? string.Create(CultureInfo.InvariantCulture, $", Azurite CPU {(after - before).TotalMilliseconds / runs:0.0} ms per run")
            : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== {label}: {runs} runs in {elapsed.TotalSeconds:0.00} s, {runs / elapsed.TotalSeconds:0} runs/s; {Describe(latencies)}; "
            + $"process CPU {cpu.TotalMilliseconds / runs:0.00} ms per run{emulator}, {allocated / 1024.0 / runs:0} KiB allocated per run"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   GC pauses {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:0} ms ({GC.CollectionCount(2) - gcs} gen2); "
            + $"threads {ThreadPool.ThreadCount}; load {Measures.Load()}"));
        var third = latencies.Length / 3;
        for (var part = 0; third > 0 && part < 3; part++)
        {
            var slice = latencies.Skip(part * third).Take(third).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   runs {part * third + 1}-{(part + 1) * third} (in start order): mean {slice.Average():0.0} ms, {Describe(slice)}"));
        }
    }

    /// <summary>
    /// Passes of <paramref name="pass"/> until two in a row cost within 5% of each other in CPU, from pass
    /// <paramref name="minPasses"/> on (10 in memory; at most 20): tiered compilation promotes a method only once no
    /// new method has been compiled for a while, so on this path the CPU per run plateaus for a few passes and then
    /// falls again, for about 10,000 runs.
    /// </summary>
    private static async Task WarmUpAsync(string label, int runs, int minPasses, Func<Task> pass)
    {
        var costs = new List<double>();
        for (var i = 1; i <= Math.Max(minPasses, 20); i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await pass();
            costs.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs);
            if (i >= minPasses && (i == 1 || Math.Abs(costs[^1] - costs[^2]) <= 0.05 * costs[^2]))
            {
                break;
            }
        }

        var passes = string.Join(", ", costs.Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   warm-up, {label}: CPU ms per run by pass of {runs}: {passes}"));
    }

    /// <summary>
    /// <paramref name="clients"/> clients taking the next of <paramref name="count"/> operations until none is left,
    /// one at a time each; every operation's latency in milliseconds, by its number.
    /// </summary>
    private static async Task<double[]> TimedAsync(int count, int clients, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return latencies;
    }

    private static Task<double[]> ReadManyAsync(HttpClient http, string workflow, int requests, int clients) =>
        TimedAsync(requests, clients, async _ =>
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/workflows/{workflow}", UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
        });

    private static string Describe(double[] latencies) => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(latencies, 0.5):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, "
        + $"max {latencies.Max():0} ms, "
        + $">500 ms: {latencies.Count(l => l > 500)}");

    private static Task<double[]> RunManyAsync(HttpClient http, string workflow, int runs, int clients, bool wait)
    {
        var clock = Stopwatch.StartNew();
        return TimedAsync(runs, clients, async i =>
        {
            var started = clock.Elapsed;
            var n = i.ToString(CultureInfo.InvariantCulture);
            using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/runs{(wait ? "?wait=30" : string.Empty)}", new { n });
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            var posted = clock.Elapsed - started;
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

            var total = (clock.Elapsed - started).TotalMilliseconds;
            if (Environment.GetEnvironmentVariable("BENCH_SLOW_MS") is { } slow && total > double.Parse(slow, CultureInfo.InvariantCulture))
            {
                // Whether slow runs come together (a stall of the whole process) or alone (a missed wake-up).
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   slow: run {id} started at {started.TotalMilliseconds:0} ms, POST {posted.TotalMilliseconds:0} ms, total {total:0} ms"));
            }
        });
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
