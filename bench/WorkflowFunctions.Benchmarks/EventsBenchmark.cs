using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Testing;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// The run event streams on the LocalHost, in memory and on Azurite: (1) the delay from a node's executor returning
/// to its <c>node.succeeded</c> event reaching a client of <c>GET /runs/{id}/events</c> (runs of two 100 ms nodes, 8
/// at a time, each watched from its start); (2) many streams held open (runs waiting for an approval, several streams
/// each) for a while, with the health endpoint's latency meanwhile and the process's memory, then every run approved
/// and the time until every stream has its terminal event.
/// Usage: <c>events [memory|azurite|both] [runs] [streams] [runs held] [seconds held]</c>, default <c>both 200 500 100 60</c>.
/// </summary>
internal static class EventsBenchmark
{
    private const string Key = "bench-key";

    public static async Task RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "both";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var streams = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var held = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
        var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 60;
        foreach (var backend in mode == "both" ? ["memory", "azurite"] : new[] { mode })
        {
            if (backend == "azurite" && !await Azurite.IsRunningAsync())
            {
                throw new InvalidOperationException("Azurite is not listening on 127.0.0.1:10000-10002; start it (scripts/bench-api.sh does).");
            }

            await RunBackendAsync(backend, runs, streams, held, TimeSpan.FromSeconds(seconds));
        }
    }

    private static async Task RunBackendAsync(string backend, int runs, int streams, int held, TimeSpan hold)
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
            settings["Storage:TablePrefix"] = "evbench" + suffix;
            settings["Storage:PayloadContainer"] = "evbench-" + suffix;
            settings["DURABLE_TASK_HUB_NAME"] = "evbench" + suffix;
        }

        var executor = new TimedExecutor();
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            builder => builder.Services.AddNodeExecutor(executor),
            settings);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2000 })
        {
            BaseAddress = host.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        Console.WriteLine($"== {backend} ({host.BaseAddress})");

        var twoNodes = await CreateWorkflowAsync(http, "two nodes", Graph(approval: false));
        var approval = await CreateWorkflowAsync(http, "approval", Graph(approval: true));

        // Warm-up: JIT, connections, tables.
        await LatencyAsync(http, executor, twoNodes, 16, quiet: true);
        await LatencyAsync(http, executor, twoNodes, runs, quiet: false);
        await HoldAsync(http, host, approval, streams, held, hold);
    }

    // (1) node finish to client.
    private static async Task LatencyAsync(HttpClient http, TimedExecutor executor, string workflow, int runs, bool quiet)
    {
        var delays = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var id = await StartAsync(http, workflow, ct);
            await foreach (var message in SseReader.ReadAsync(http, $"/api/v1/runs/{id}/events", ct))
            {
                var received = Stopwatch.GetTimestamp();
                if (message.Event == "node.succeeded"
                    && JsonNode.Parse(message.Data)!["node_id"]!.GetValue<string>() is var node
                    && node is "a" or "b"
                    && executor.Finished.TryGetValue(id + "/" + node, out var finished))
                {
                    delays.Add(Stopwatch.GetElapsedTime(finished, received).TotalMilliseconds);
                }
            }
        });
        if (!quiet)
        {
            var values = delays.ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(1) node finished -> node.succeeded at the client, {runs} runs of two 100 ms nodes, 8 at a time "
                + $"({values.Length} events, {clock.Elapsed.TotalSeconds:0.0} s): "
                + $"p50 {Percentile(values, 0.5):0} ms, p95 {Percentile(values, 0.95):0} ms, max {values.Max():0} ms"));
        }
    }

    // (2) many streams held open.
    private static async Task HoldAsync(HttpClient http, LocalHost.LocalHost host, string workflow, int streams, int runs, TimeSpan hold)
    {
        var ids = new string[runs];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => ids[i] = await StartAsync(http, workflow, ct));
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var memoryBefore = (process.WorkingSet64, GC.GetTotalMemory(false));
        using var stop = new CancellationTokenSource();
        var waiting = 0;
        var terminals = 0;
        var lastTerminal = 0L;
        var readers = Enumerable.Range(0, streams).Select(i => Task.Run(async () =>
        {
            var seenWaiting = false;
            await foreach (var message in SseReader.ReadAsync(http, $"/api/v1/runs/{ids[i % runs]}/events", CancellationToken.None))
            {
                if (message.Event == "node.waiting" && !seenWaiting)
                {
                    seenWaiting = true;
                    Interlocked.Increment(ref waiting);
                }

                if (message.Event is "run.succeeded" or "run.failed" or "run.cancelled")
                {
                    Interlocked.Increment(ref terminals);
                    Interlocked.Exchange(ref lastTerminal, Stopwatch.GetTimestamp());
                }
            }
        })).ToArray();
        var opened = Stopwatch.StartNew();
        while (Volatile.Read(ref waiting) < streams && opened.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(100);
        }

        var allOpen = opened.Elapsed;
        var watchers = (RunWatchers)host.Services.GetService(typeof(RunWatchers))!;
        var health = new List<double>();
        var peak = (Working: 0L, Heap: 0L);
        var held = Stopwatch.StartNew();
        while (held.Elapsed < hold)
        {
            var sent = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative)))
            {
                response.EnsureSuccessStatusCode();
            }

            health.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            process.Refresh();
            peak = (Math.Max(peak.Working, process.WorkingSet64), Math.Max(peak.Heap, GC.GetTotalMemory(false)));
            await Task.Delay(200);
        }

        var shared = watchers.Watched;
        var approved = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            using var response = await http.PostAsJsonAsync($"/api/v1/runs/{id}/approvals/gate", new { decision = "approve" }, ct);
            response.EnsureSuccessStatusCode();
        });
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(10));
        var values = health.ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(2) {streams} streams on {runs} runs waiting for approval: all open and replayed in {allOpen.TotalSeconds:0.0} s; "
            + $"held {hold.TotalSeconds:0} s with {shared} shared run readers; GET /api/health meanwhile ({values.Length} calls) "
            + $"p50 {Percentile(values, 0.5):0.0} ms, p95 {Percentile(values, 0.95):0.0} ms, max {values.Max():0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    process memory (host and clients in one process): working set {memoryBefore.WorkingSet64 / 1048576.0:0} MB before the streams, "
            + $"peak {peak.Working / 1048576.0:0} MB while held; managed heap {memoryBefore.Item2 / 1048576.0:0} -> peak {peak.Heap / 1048576.0:0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    every run approved: all {terminals} streams had their terminal event "
            + $"{Stopwatch.GetElapsedTime(approved, Interlocked.Read(ref lastTerminal)).TotalSeconds:0.00} s after the first approval was sent"));

        // A stream ends with the end as it was recorded, a moment before the orchestration's last commit: let those
        // commits happen before the host stops.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            while ((await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{id}", ct))!["result"] is null)
            {
                await Task.Delay(100, ct);
            }
        });
    }

    private static JsonObject Graph(bool approval)
    {
        JsonObject Node(string id, string type, JsonObject data) => new() { ["id"] = id, ["type"] = type, ["data"] = data };
        var nodes = new JsonArray { Node("t", NodeTypes.Trigger, []) };
        var edges = new JsonArray();
        if (approval)
        {
            nodes.Add(Node("gate", NodeTypes.Approval, new JsonObject { ["instructions"] = "hold" }));
            nodes.Add(Node("o", NodeTypes.Output, new JsonObject { ["output"] = "approved" }));
            edges.Add(new JsonObject { ["source"] = "t", ["target"] = "gate" });
            edges.Add(new JsonObject { ["source"] = "gate", ["target"] = "o" });
        }
        else
        {
            var llm = () => new JsonObject { ["delay_ms"] = 100, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "go" }) };
            nodes.Add(Node("a", NodeTypes.Llm, llm()));
            nodes.Add(Node("b", NodeTypes.Llm, llm()));
            nodes.Add(Node("o", NodeTypes.Output, new JsonObject { ["output"] = "{{ b.result.content }}" }));
            edges.Add(new JsonObject { ["source"] = "t", ["target"] = "a" });
            edges.Add(new JsonObject { ["source"] = "a", ["target"] = "b" });
            edges.Add(new JsonObject { ["source"] = "b", ["target"] = "o" });
        }

        return new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges };
    }

    private static async Task<string> CreateWorkflowAsync(HttpClient http, string title, JsonObject definition)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", new JsonObject { ["title"] = title, ["data"] = definition });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.IsSuccessStatusCode ? body!["id"]!.GetValue<string>() : throw new InvalidOperationException($"Creating the workflow failed: {body}");
    }

    private static async Task<string> StartAsync(HttpClient http, string workflow, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/runs", new JsonObject(), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return response.IsSuccessStatusCode ? body!["id"]!.GetValue<string>() : throw new InvalidOperationException($"Start failed: {body}");
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }

    /// <summary>An LLM-node stand-in that waits <c>data.delay_ms</c> and notes when it returned.</summary>
    private sealed class TimedExecutor : INodeExecutor
    {
        public string NodeType => NodeTypes.Llm;

        public ConcurrentDictionary<string, long> Finished { get; } = new(StringComparer.Ordinal);

        public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
        {
            if (request.Node["delay_ms"] is JsonValue delay && delay.TryGetValue<int>(out var ms) && ms > 0)
            {
                await Task.Delay(ms, cancellationToken);
            }

            Finished[request.RunId + "/" + request.NodeId] = Stopwatch.GetTimestamp();
            return NodeExecutionResult.Success(new JsonObject { ["content"] = "done " + request.NodeId });
        }
    }

    /// <summary>A minimal server-sent events reader: the events of one stream until it ends.</summary>
    private static class SseReader
    {
        public static async IAsyncEnumerable<(string? Event, string Data)> ReadAsync(
            HttpClient http, string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? name = null;
            var data = string.Empty;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null)
                    {
                        yield return (name, data);
                    }

                    (name, data) = (null, string.Empty);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }
    }
}
