using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Testing;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// Single runs as clients make them (issue 17, goals 2 and 3): N clients each start a run of the three-node
/// trigger -> LLM (zero latency) -> output workflow and wait for its result, one run after another, over HTTP on the
/// LocalHost. <c>poll</c>: <c>POST /runs</c>, then <c>GET /runs/{id}/result?timeout=30000</c>; <c>wait</c>:
/// <c>POST /runs?wait=30</c>. Reports runs/s and each run's start-to-result latency (p50/p95/p99/max), overall and by
/// thirds (whether the rate holds as the run index grows).
/// Usage: <c>single [memory|azurite] [runs] [clients] [poll|wait] [storage connection string]</c>.
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
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            builder => builder.Services.AddNodeExecutor(new BenchExecutor(NodeTypes.Llm)),
            settings);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        var workflow = await CreateWorkflowAsync(http);

        // Warm-up: JIT, connections, tables.
        await RunManyAsync(http, workflow, Math.Min(200, runs), clients, wait);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gcPause = GC.GetTotalPauseDuration();
        var gcs = GC.CollectionCount(2);
        var (elapsed, latencies, starts) = await RunManyAsync(http, workflow, runs, clients, wait);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== single runs, {backend}, {clients} clients, {(wait ? "POST ?wait=30" : "POST then GET result?timeout")}: "
            + $"{runs} runs in {elapsed.TotalSeconds:0.00} s, "
            + $"{runs / elapsed.TotalSeconds:0} runs/s; {Describe(latencies)}; process CPU {cpu.TotalMilliseconds / runs:0.00} ms per run"));
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
    }

    /// <summary>The machine's load average (1, 5, 15 min), when it can be read: the runs share the machine.</summary>

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

    private static async Task<string> CreateWorkflowAsync(HttpClient http)
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
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", new JsonObject { ["title"] = "single", ["data"] = definition });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.IsSuccessStatusCode ? body!["id"]!.GetValue<string>() : throw new InvalidOperationException($"Creating the workflow failed: {body}");
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }
}
