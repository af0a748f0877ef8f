using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// Storage requests per run (issue 17, goal 1), counted at the storage endpoint by <see cref="CountingStorageProxy"/> in
/// front of an Azurite the caller started (its own, so no other process's requests are counted): the LocalHost on DTFx
/// Azure Storage runs the trigger -> LLM (the real executor, a zero-latency stub on loopback) -> output workflow.
/// Measures (1) an idle host for 10 s; (2) single runs started over HTTP (8 at a time, no waiting request: each run's
/// end is seen in process, through the signal its recorded end raises, so no read of the API is counted); (3) a batch.
/// Each is split by service, resource (table, queue, container) and method, and by who made it: the engine (task hub
/// tables, queues and containers) or the app (its tables and payload container). The window of each measurement ends
/// 2 s after the last run's end was recorded (the orchestration's last commit), and the idle polling of the window is
/// reported beside the total, subtracted in the per-run figure. (4) The engine's own floor counted the same way: bare
/// orchestrations of one and of two no-op activities, started through the engine's client. (5) With a chain length, runs
/// of a chain of that many LLM nodes, per run and per node (with <c>Orchestration__CheckpointEveryNodes</c>, 0 for none, a
/// long run's checkpoints are counted too). 0 runs or 0 items leaves out (2) and (4), or (3).
/// Usage: <c>storage [runs] [batch items] [blob port] [queue port] [table port] [chain length] [chain runs, default 3]</c>
/// (ports of the Azurite to count at; default 20010-20012).
/// </summary>
internal static class StorageRequestsBenchmark
{
    private const string Key = "bench-key";

    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var ports = args.Length > 4 ? args[2..5].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() : [20010, 20011, 20012];
        var chain = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
        var chainRuns = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 3;
        await using var proxy = CountingStorageProxy.Start(ports[0], ports[1], ports[2]);
        await using var llm = await TablesBenchmark.StartLlmStubAsync(() => { });
        var suffix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        var hub = "hub" + suffix;
        var app = "app" + suffix;
        var settings = new Dictionary<string, string?>
        {
            ["Auth:BootstrapKey"] = Key,
            ["Api:RateLimitPerMinute"] = "100000000",
            ["AzureWebJobsStorage"] = proxy.ConnectionString,
            ["Storage:TablePrefix"] = app,
            ["Storage:PayloadContainer"] = "app-" + suffix,
            ["DURABLE_TASK_HUB_NAME"] = hub,
            ["Llm:Endpoint"] = llm.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1",
            ["Llm:ApiKey"] = "sk-bench",
            ["Llm:Model"] = "bench-model",
        };

        Console.WriteLine($"counting at {proxy.ConnectionString}");
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly, typeof(BenchFunctions).Assembly],
            null,
            settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        var signals = host.Services.GetRequiredService<RunCompletionSignals>();
        var workflow = await CreateWorkflowAsync(http);
        Console.WriteLine($"== storage requests at the endpoint (task hub {hub}, app tables {app}*), load {Measures.Load()}");

        // Warm-up: tables and queues created, connections open, JIT.
        await StartAndWaitAsync(http, signals, workflow, 20);
        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.Take();

        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idle = proxy.Take();
        var idlePerSecond = idle.Values.Sum() / idleClock.Elapsed.TotalSeconds;
        Report("(1) idle host, per second", Scale(idle, 1 / idleClock.Elapsed.TotalSeconds), hub, app);

        var clock = Stopwatch.StartNew();
        double window;
        if (chain > 0)
        {
            var chained = await CreateWorkflowAsync(http, chain);
            await StartAndWaitAsync(http, signals, chained, 1);
            await Task.Delay(TimeSpan.FromSeconds(2));
            proxy.Take();
            clock.Restart();
            await StartAndWaitAsync(http, signals, chained, chainRuns);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var chainCounts = proxy.Take();
            window = clock.Elapsed.TotalSeconds;
            Report(string.Create(CultureInfo.InvariantCulture,
                $"(5) {chainRuns} runs of a chain of {chain} LLM nodes, per node; window {window:0.0} s, "
                + $"of which idle polling ~{idlePerSecond * window / (chainRuns * chain):0.00} per node"),
                Scale(chainCounts, 1.0 / (chainRuns * chain)), hub, app, idlePerSecond * window / (chainRuns * chain));
        }

        if (runs == 0)
        {
            return;
        }

        clock.Restart();
        await StartAndWaitAsync(http, signals, workflow, runs);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var single = proxy.Take();
        window = clock.Elapsed.TotalSeconds;
        Report(string.Create(CultureInfo.InvariantCulture,
            $"(2) {runs} single runs (8 at a time), per run; window {window:0.0} s, of which idle polling ~{idlePerSecond * window / runs:0.0} per run"),
            Scale(single, 1.0 / runs), hub, app, idlePerSecond * window / runs);

        if (items > 0)
        {
            clock.Restart();
            var batch = await BatchAsync(http, signals, workflow, items);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var batched = proxy.Take();
            window = clock.Elapsed.TotalSeconds;
            Report(string.Create(CultureInfo.InvariantCulture,
                $"(3) a batch of {items} items (concurrency 50), per item; window {window:0.0} s, "
                + $"of which idle polling ~{idlePerSecond * window / items:0.0} per item; batch {batch}"),
                Scale(batched, 1.0 / items), hub, app, idlePerSecond * window / items);
        }

        // The engine's own floor, counted the same way: bare orchestrations started through the engine's client (8 at a
        // time), of one no-op activity and of two (a run's shape: its LLM call and its recorded end), each end seen in
        // process when the last activity runs, the window closed 2 s after the last.
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        foreach (var activities in new[] { 1, 2 })
        {
            clock.Restart();
            await StartBareAsync(client, activities, runs);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var bare = proxy.Take();
            window = clock.Elapsed.TotalSeconds;
            Report(string.Create(CultureInfo.InvariantCulture,
                $"(4) engine floor: {runs} bare orchestrations of {activities} no-op activit{(activities == 1 ? "y" : "ies")} (8 at a time), "
                + $"per run; window {window:0.0} s, of which idle polling ~{idlePerSecond * window / runs:0.0} per run"),
                Scale(bare, 1.0 / runs), hub, app, idlePerSecond * window / runs);
        }
    }

    private static async Task StartBareAsync(DurableTaskClient client, int activities, int runs)
    {
        var target = BenchFunctions.CountedEnds + runs;
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync(BenchFunctions.BareChain, activities, ct));
        await BenchFunctions.WaitForCountedEndsAsync(target, TimeSpan.FromMinutes(10));
    }

    private static Dictionary<(string Service, string Resource, string Method), double> Scale(
        IReadOnlyDictionary<(string Service, string Resource, string Method), int> counts, double factor) =>
        counts.ToDictionary(kv => kv.Key, kv => kv.Value * factor);

    private static void Report(
        string title, Dictionary<(string Service, string Resource, string Method), double> counts, string hub, string app, double idle = 0)
    {
        string Owner(string resource) =>
            resource.StartsWith(hub, StringComparison.OrdinalIgnoreCase) ? "engine"
            : resource.StartsWith(app, StringComparison.OrdinalIgnoreCase) ? "app"
            : "other";
        string Short(string resource) => resource[(Owner(resource) switch { "engine" => hub.Length, "app" => app.Length, _ => 0 })..];
        var total = counts.Values.Sum();
        var withoutIdle = idle > 0 ? string.Create(CultureInfo.InvariantCulture, $", {total - idle:0.0} without the idle polling") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {total:0.0} requests{withoutIdle}"));
        foreach (var group in counts.GroupBy(kv => Owner(kv.Key.Resource)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Key}: {group.Sum(kv => kv.Value):0.00}"));
            foreach (var service in group.GroupBy(kv => kv.Key.Service).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var detail = string.Join(", ", service.OrderByDescending(kv => kv.Value)
                    .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{Short(kv.Key.Resource)} {kv.Key.Method} {kv.Value:0.00}")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {service.Key} {service.Sum(kv => kv.Value):0.00}: {detail}"));
            }
        }
    }

    private static async Task StartAndWaitAsync(HttpClient http, RunCompletionSignals signals, string workflow, int runs)
    {
        var ids = new string[runs];
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/runs", new { n = i.ToString(CultureInfo.InvariantCulture) }, ct);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            ids[i] = response.IsSuccessStatusCode ? body!["id"]!.GetValue<string>() : throw new InvalidOperationException($"Start failed: {body}");
        });
        await WaitForEndsAsync(signals, ids);
    }

    private static async Task<string> BatchAsync(HttpClient http, RunCompletionSignals signals, string workflow, int items)
    {
        var body = new JsonObject
        {
            ["items"] = new JsonArray(
                Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject { ["n"] = i.ToString(CultureInfo.InvariantCulture) }).ToArray()),
            ["concurrency"] = 50,
        };
        using var response = await http.PostAsJsonAsync($"/api/v1/workflows/{workflow}/batches", body);
        var accepted = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The batch was refused: {accepted}");
        }

        var ids = accepted!["runs"]!.AsArray().Select(r => r!["run_id"]!.GetValue<string>()).ToArray();
        var clock = Stopwatch.StartNew();
        await WaitForEndsAsync(signals, ids);
        return string.Create(CultureInfo.InvariantCulture, $"{accepted["id"]}, every item's end recorded after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    // The ends are seen in process (the signal a recorded end raises), so waiting costs no storage request.
    private static async Task WaitForEndsAsync(RunCompletionSignals signals, string[] ids)
    {
        var deadline = Stopwatch.StartNew();
        while (!ids.All(signals.HasEnded))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{ids.Count(id => !signals.HasEnded(id))} runs did not end within 10 minutes.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Trigger, <paramref name="llmNodes"/> LLM nodes one after another (<c>llm</c>, <c>llm2</c>, ...), output.</summary>
    private static async Task<string> CreateWorkflowAsync(HttpClient http, int llmNodes = 1)
    {
        var nodes = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "t",
                ["type"] = NodeTypes.Trigger,
                ["data"] = new JsonObject { ["input_fields"] = new JsonArray(new JsonObject { ["id"] = "n", ["title"] = "N", ["type"] = "text" }) },
            },
        };
        var edges = new JsonArray();
        var previous = "t";
        for (var i = 1; i <= llmNodes; i++)
        {
            var id = i == 1 ? "llm" : string.Create(CultureInfo.InvariantCulture, $"llm{i}");
            nodes.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = NodeTypes.Llm,
                ["data"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = "item {{ input.n }}" }) },
            });
            edges.Add(new JsonObject { ["source"] = previous, ["target"] = id });
            previous = id;
        }

        var output = new JsonObject { ["output"] = $"{{{{ {previous}.result.content }}}}" };
        nodes.Add(new JsonObject { ["id"] = "o", ["type"] = NodeTypes.Output, ["data"] = output });
        edges.Add(new JsonObject { ["source"] = previous, ["target"] = "o" });
        var definition = new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges };
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", new JsonObject { ["title"] = "storage", ["data"] = definition });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.IsSuccessStatusCode ? body!["id"]!.GetValue<string>() : throw new InvalidOperationException($"Creating the workflow failed: {body}");
    }
}
