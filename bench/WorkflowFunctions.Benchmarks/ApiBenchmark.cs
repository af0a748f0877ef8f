using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Testing;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// The HTTP API end to end on the LocalHost, in memory and on Azurite: (1) run starts accepted per second over
/// HTTP; (2) a batch of zero-latency runs from POST to its last item final; (3) long-poll latency: from a run's
/// end (its <c>finished_at</c>: the end recorded in the run index) to the waiting <c>GET /runs/{id}/result</c>
/// answer arriving.
/// Usage: <c>api [memory|azurite|both] [starts] [batch items] [long polls] [batch concurrency]</c>;
/// <c>api memory-floor|azurite-floor [starts]</c> measures only the engine's own floor for (1) and (2), in a fresh task hub.
/// Zero batch items or long polls skips that part; <c>BENCH_NO_DRAIN=1</c> skips waiting for the started runs to end;
/// <c>BENCH_NO_WORKER=1</c> (with it) stops the process's Durable worker after the warm-up, so the starts are measured
/// with nothing draining beside them: what a start itself costs the emulator. <c>BENCH_FLOOR_CARRY=1</c> gives each of
/// the floor's orchestrations an input as large as the run request a start of (1) hands the engine (its pinned
/// definition, input and options), measured from one such start: the engine's floor for the same payload.
/// </summary>
internal static class ApiBenchmark
{
    private const string Key = "bench-key";

    public static async Task RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "both";
        var starts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var items = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
        var polls = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
        var concurrency = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 50;
        var floorOnly = mode.EndsWith("-floor", StringComparison.Ordinal);
        foreach (var backend in mode == "both" ? ["memory", "azurite"] : new[] { floorOnly ? mode[..^"-floor".Length] : mode })
        {
            if (backend == "azurite" && !await Azurite.IsRunningAsync())
            {
                throw new InvalidOperationException("Azurite is not listening on 127.0.0.1:10000-10002; start it (scripts/bench-api.sh does).");
            }

            await RunBackendAsync(backend, starts, items, polls, concurrency, floorOnly);
        }
    }

    private static async Task RunBackendAsync(string backend, int starts, int items, int polls, int concurrency, bool floorOnly)
    {
        var suffix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        var settings = new Dictionary<string, string?>
        {
            ["Auth:BootstrapKey"] = Key,
            ["Api:RateLimitPerMinute"] = "100000000",
        };
        if (backend == "azurite")
        {
            settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
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
            Timeout = TimeSpan.FromMinutes(30),
        };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        Console.WriteLine($"== {backend} ({host.BaseAddress}), load {Measures.Load()}");
        var instant = await CreateWorkflowAsync(http, "instant", 0);
        if (floorOnly)
        {
            await EngineFloorAsync(host.Services, starts, await FloorInputAsync(http, host.Services, instant));
            return;
        }

        var slow = await CreateWorkflowAsync(http, "200ms", 200);

        // Warm-up: JIT, connections, tables.
        await StartRunsAsync(http, instant, 50, wait: true);
        await StopWorkerIfAskedAsync(host.Services);

        var emulator = Measures.EmulatorCpu();
        var (elapsed, latencies, ids) = await StartRunsAsync(http, instant, starts, wait: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(1) {starts} run starts over HTTP (32 concurrent clients): {elapsed.TotalSeconds:0.00} s, {starts / elapsed.TotalSeconds:0} starts/s, "
            + $"POST p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms{EmulatorShare(emulator, elapsed, starts)}"));
        if (Environment.GetEnvironmentVariable("BENCH_NO_DRAIN") is null)
        {
            var drain = Stopwatch.StartNew();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) => await ResultAsync(http, id, ct));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    all {starts} runs final {drain.Elapsed.TotalSeconds:0.00} s after the last start was accepted"));
        }

        if (items > 0)
        {
            await BatchAsync(http, instant, items, concurrency);
        }

        if (polls > 0)
        {
            await LongPollAsync(http, slow, polls);
        }
    }

    /// <summary>
    /// The engine's own floor for (1) and (2), counted the same way in a fresh task hub: bare orchestrations of two
    /// no-op activities (a run's shape: its LLM call and its recorded end) scheduled through the engine's client, 32 at
    /// a time, then drained; each end is seen in process when its last activity runs, so waiting reads no storage.
    /// </summary>
    private static async Task EngineFloorAsync(IServiceProvider services, int count, (string Name, object Input) floor)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        var target = BenchFunctions.CountedEnds + 20;
        for (var i = 0; i < 20; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(floor.Name, floor.Input);
        }

        await BenchFunctions.WaitForCountedEndsAsync(target, TimeSpan.FromMinutes(30));
        await StopWorkerIfAskedAsync(services);
        target = BenchFunctions.CountedEnds + count;
        var emulator = Measures.EmulatorCpu();
        var clock = Stopwatch.StartNew();
        var latencies = new double[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            await client.ScheduleNewOrchestrationInstanceAsync(floor.Name, floor.Input, ct);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        var accepted = clock.Elapsed;
        var carrying = floor.Input is CarryingChain chain
            ? string.Create(CultureInfo.InvariantCulture, $", each carrying {chain.Pinned.Length:N0} bytes")
            : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(floor) {count} bare orchestrations (2 no-op activities{carrying}) scheduled through the engine's client (32 concurrent): "
            + $"{accepted.TotalSeconds:0.00} s, {count / accepted.TotalSeconds:0} starts/s, "
            + $"schedule p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms{EmulatorShare(emulator, accepted, count)}"));
        if (Environment.GetEnvironmentVariable("BENCH_NO_DRAIN") is not null)
        {
            return;
        }

        await BenchFunctions.WaitForCountedEndsAsync(target, TimeSpan.FromMinutes(30));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    all {count} at their last activity {(clock.Elapsed - accepted).TotalSeconds:0.00} s after the last was scheduled; "
            + $"{count / clock.Elapsed.TotalSeconds:0.0} runs/s from the first start"));
    }

    /// <summary>
    /// The floor's orchestration and its input: a bare chain of two no-op activities, or with <c>BENCH_FLOOR_CARRY</c>
    /// the same chain carrying a string as long as the input of a run of <paramref name="workflow"/> started over HTTP.
    /// </summary>
    private static async Task<(string Name, object Input)> FloorInputAsync(HttpClient http, IServiceProvider services, string workflow)
    {
        if (Environment.GetEnvironmentVariable("BENCH_FLOOR_CARRY") is null)
        {
            return (BenchFunctions.BareChain, 2);
        }

        var (_, _, ids) = await StartRunsAsync(http, workflow, 1, wait: true);
        var run = await services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(ids[0], getInputsAndOutputs: true)
            ?? throw new InvalidOperationException($"Run {ids[0]} has no orchestration to read its input from.");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(run.SerializedInput ?? string.Empty);
        return (BenchFunctions.BareChainCarrying, new CarryingChain(2, 0, int.MaxValue, 0, new string('x', bytes), []));
    }

    // With BENCH_NO_WORKER, nothing runs the orchestrations started from here on.
    private static async Task StopWorkerIfAskedAsync(IServiceProvider services)
    {
        if (Environment.GetEnvironmentVariable("BENCH_NO_WORKER") is null)
        {
            return;
        }

        foreach (var worker in services.GetServices<IHostedService>().Where(s => s.GetType().Name.EndsWith("DurableTaskWorker", StringComparison.Ordinal)))
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Console.WriteLine("    the Durable worker is stopped: the runs started next are not run");
    }

    // The emulator's CPU over a phase (it also serves the runs already started), when BENCH_AZURITE_PID names it.
    private static string EmulatorShare(TimeSpan? before, TimeSpan elapsed, int starts) =>
        before is { } cpu && Measures.EmulatorCpu() is { } now
            ? string.Create(CultureInfo.InvariantCulture,
                $"; emulator busy {(now - cpu) / elapsed:P0}, {(now - cpu).TotalMilliseconds / starts:0.0} ms of its CPU per start")
            : string.Empty;

    private static async Task<string> CreateWorkflowAsync(HttpClient http, string title, int delayMs)
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
                    ["data"] = new JsonObject
                    {
                        ["delay_ms"] = delayMs,
                        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "item {{ input.n }}" }),
                    },
                },
                new JsonObject { ["id"] = "o", ["type"] = NodeTypes.Output, ["data"] = new JsonObject { ["output"] = "{{ llm.result.content }}" } },
            },
            ["edges"] = new JsonArray(new JsonObject { ["source"] = "t", ["target"] = "llm" }, new JsonObject { ["source"] = "llm", ["target"] = "o" }),
        };
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", new JsonObject { ["title"] = title, ["data"] = definition });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.IsSuccessStatusCode ? body!["id"]!.GetValue<string>() : throw new InvalidOperationException($"Creating the workflow failed: {body}");
    }

    private static async Task<(TimeSpan Elapsed, double[] Latencies, string[] Ids)> StartRunsAsync(
        HttpClient http, string workflow, int count, bool wait)
    {
        var latencies = new double[count];
        var ids = new string[count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync(
                $"/api/v1/workflows/{workflow}/runs{(wait ? "?wait=30" : string.Empty)}", new { n = i.ToString(CultureInfo.InvariantCulture) }, ct);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            ids[i] = response.IsSuccessStatusCode
                ? body!["id"]!.GetValue<string>()
                : throw new InvalidOperationException($"Start failed ({(int)response.StatusCode}): {body}");
        });
        return (clock.Elapsed, latencies, ids);
    }

    private static async Task<JsonObject> ResultAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{id}/result?timeout=60000", cancellationToken);
            if (result!["done"]!.GetValue<bool>())
            {
                return result;
            }
        }
    }

    private static async Task BatchAsync(HttpClient http, string workflow, int items, int concurrency)
    {
        var body = new JsonObject
        {
            ["items"] = new JsonArray(
                Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject { ["n"] = i.ToString(CultureInfo.InvariantCulture) }).ToArray()),
            ["concurrency"] = concurrency,
        };
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/batches", body);
        var accepted = await response.Content.ReadFromJsonAsync<JsonObject>();
        var acceptedAfter = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The batch was refused: {accepted}");
        }

        var id = accepted!["id"]!.GetValue<string>();
        JsonObject status;
        var reported = TimeSpan.Zero;
        do
        {
            await Task.Delay(250);
            status = (await http.GetFromJsonAsync<JsonObject>($"/api/v1/batches/{id}"))!;
            if (clock.Elapsed - reported >= TimeSpan.FromSeconds(30))
            {
                // A long batch (10,000 items on Azurite takes many minutes) shows its progress.
                reported = clock.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {clock.Elapsed.TotalSeconds:0} s: {status["finished"]} of {items} final"));
            }
        }
        while (status["finished"]!.GetValue<int>() < items);
        var total = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(2) batch of {items} zero-latency runs, concurrency {concurrency}: accepted in {acceptedAfter.TotalSeconds:0.00} s, "
            + $"last item final after {total.TotalSeconds:0.0} s ({items / total.TotalSeconds:0} runs/s); counts {status["counts"]!.ToJsonString()}"));
    }

    private static async Task LongPollAsync(HttpClient http, string workflow, int polls)
    {
        var afterFinish = new double[polls];
        var afterLastNode = new double[polls];
        await Parallel.ForEachAsync(Enumerable.Range(0, polls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var start = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/runs", new { n = "poll" }, ct);
            var id = (await start.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
            var result = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{id}/result?timeout=30000", ct);
            var received = DateTimeOffset.UtcNow;
            var finished = DateTimeOffset.Parse(result!["finished_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var lastNode = DateTimeOffset.Parse(result["run"]!["result"]!["completed_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            afterFinish[i] = (received - finished).TotalMilliseconds;
            afterLastNode[i] = (received - lastNode).TotalMilliseconds;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(3) long-poll latency ({polls} runs of a 200 ms node, 8 at a time): after the run finished (its end recorded, finished_at) "
            + $"p50 {Percentile(afterFinish, 0.5):0} ms, p95 {Percentile(afterFinish, 0.95):0} ms, max {afterFinish.Max():0} ms; "
            + $"after its last node (result completed_at, includes recording the run in the index) p50 {Percentile(afterLastNode, 0.5):0} ms, "
            + $"p95 {Percentile(afterLastNode, 0.95):0} ms"));
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }
}
