using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// A map-rows node over a large table on the LocalHost (in memory), hosted as the LocalHost hosts the app, with
/// the real LLM executor calling a zero-latency OpenAI-compatible stub on loopback: the workflow imports CSV text
/// from its input, asks the "LLM" once per row, filters the rows and outputs the table. Reports rows per second
/// (the whole run and the map-rows node alone) and the largest history of any orchestration the run made
/// (<see cref="HistorySizes"/>). A 500-row run warms up first.
/// Usage: <c>tables [rows, default 10000] [concurrency, default 50] [chunk rows] [parallel chunks] [llm|inproc]</c>
/// (chunk rows and parallel chunks default to those of <c>Tables__ChunkRows</c> and <c>Tables__ParallelChunks</c>;
/// <c>inproc</c> swaps the LLM executor for an in-process no-op, to separate the LLM client's cost from the engine's).
/// </summary>
internal static class TablesBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var tables = new Settings.TableOptions();
        var chunkRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : tables.ChunkRows;
        var parallelChunks = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : tables.ParallelChunks;
        var inProcess = args.Length > 4 && args[4] == "inproc";
        var calls = 0;
        await using var llm = await StartLlmStubAsync(() => Interlocked.Increment(ref calls));
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = llm.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1",
            ["Llm:ApiKey"] = "sk-bench",
            ["Llm:Model"] = "bench-model",
            ["LocalHost:RecordHistorySizes"] = "true",
            ["Tables:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Tables:ChunkRows"] = chunkRows.ToString(CultureInfo.InvariantCulture),
            ["Tables:ParallelChunks"] = parallelChunks.ToString(CultureInfo.InvariantCulture),
            // The run's result holds the imported, mapped and filtered tables: 3.05 MiB for 10,000 rows. The benchmark
            // starts its run without a run-index entry, so the run keeps its result as its output (one message) and is
            // held to Orchestration__MaxSubRunResultBytes (3 MiB), which would fail the run at its end. The benchmark
            // measures the rows, so it allows the result (still below the engine's 3.9 MB limit of one orchestrator action).
            ["Orchestration:MaxSubRunResultBytes"] = "3700000",
        };
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            inProcess ? builder => builder.Services.AddNodeExecutor(new BenchExecutor(Engine.Definition.NodeTypes.Llm)) : null,
            settings);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var histories = host.Backend.Histories!;
        var definition = Definition(concurrency);

        var warmUp = await RunOnceAsync(client, definition, 500);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: 500 rows in {warmUp.Elapsed.TotalSeconds:0.00} s, {warmUp.Status}"));
        histories.Clear();
        Interlocked.Exchange(ref calls, 0);

        var loadBefore = LoadAverage();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var run = await RunOnceAsync(client, definition, rows);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var loadAfter = LoadAverage();

        var largest = histories.Largest.OrderByDescending(h => h.Value).First();
        var chunks = histories.Largest.Where(h => h.Key.Contains(":m:r", StringComparison.Ordinal)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"map-rows over {rows} rows, concurrency {concurrency}, chunks of {chunkRows} rows, {parallelChunks} at once, "
            + $"{(inProcess ? "in-process no-op executor" : "LLM stub on loopback (zero latency)")}, in-memory LocalHost\n"
            + $"  run: {run.Status}, {run.Elapsed.TotalSeconds:0.00} s from start to result, {rows / run.Elapsed.TotalSeconds:0} rows/s\n"
            + $"  map-rows node: {run.Map.TotalSeconds:0.00} s, {rows / run.Map.TotalSeconds:0} rows/s; "
            + $"LLM stub calls {Volatile.Read(ref calls)}; filtered rows {run.Kept}\n"
            + $"  largest history: {largest.Value} events ({largest.Key}); run {histories.Largest.GetValueOrDefault(run.Id)}, "
            + $"map-rows {histories.Largest.GetValueOrDefault(run.Id + ":m")}, {chunks.Count} chunks {chunks.Min(c => c.Value)}-{chunks.Max(c => c.Value)}\n"
            + $"  output {run.OutputBytes / 1024.0 / 1024.0:0.0} MiB; process CPU {cpu.TotalSeconds:0.0} s; "
            + $"load average {loadBefore} before, {loadAfter} after ({Environment.ProcessorCount} cores)"));
    }

    private sealed record Run(string Id, string Status, TimeSpan Elapsed, TimeSpan Map, int Kept, int OutputBytes);

    private static async Task<Run> RunOnceAsync(DurableTaskClient client, JsonElement definition, int rows)
    {
        var csv = "id,name,score\n"
            + string.Join('\n', Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},name {i},{i % 100 / 100.0}")));
        var request = new WorkflowRunRequest
        {
            WorkflowId = "bench-tables",
            Version = 1,
            AccountId = "bench",
            Definition = definition,
            Input = JsonSerializer.SerializeToElement(new { csv_text = csv }),
            Options = new RunOptions { TimeoutSeconds = 3600 },
        };
        var clock = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, request);
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        clock.Stop();
        var result = metadata.ReadOutputAs<WorkflowRunResult>()!;
        var map = result.Nodes.TryGetValue("m", out var node)
            && node.StartedAt is { } started
            && node.CompletedAt is { } completed
            ? completed - started
            : TimeSpan.Zero;
        var kept = result.Nodes.TryGetValue("f", out var filter) ? (int?)filter.Result?["row_count"] ?? 0 : 0;
        var status = result.Status.ToString().ToLowerInvariant() + (result.Error is { } error ? ": " + error.Message : string.Empty);
        return new Run(id, status, clock.Elapsed, map, kept, metadata.SerializedOutput?.Length ?? 0);
    }

    /// <summary>trigger (csv_text) -> import-csv -> map-rows (one LLM call per row) -> filter-rows (score >= 0.5) -> output.</summary>
    private static JsonElement Definition(int concurrency) => JsonSerializer.SerializeToElement(JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"csv_text","type":"text"}]}},
          {"id":"csv","type":"import-csv-node","data":{"text":"{{ csv_text }}"}},
          {"id":"m","type":"map-rows-node","data":{"table":"{{ csv.result }}","column":"label","concurrency":__CONCURRENCY__,
            "call":{"type":"basic-node","data":{"messages":[{"role":"user","message":"Label {{ row.name }} (score {{ row.score }})"}]}}}},
          {"id":"f","type":"filter-rows-node","data":{"table":"{{ m.result }}",
            "condition":{"left":"{{ row.score }}","operator":">=","right":"0.5"}}},
          {"id":"o","type":"output-node","data":{"output":"{{ f.result }}"}}],
         "edges":[{"source":"t","target":"csv"},{"source":"csv","target":"m"},{"source":"m","target":"f"},{"source":"f","target":"o"}]}
        """.Replace("__CONCURRENCY__", concurrency.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));

    /// <summary>An OpenAI-compatible chat-completions endpoint that answers at once.</summary>
    internal static async Task<WebApplication> StartLlmStubAsync(Action onCall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        const string reply =
            """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":"""
            + """[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":"""
            + """{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}""";
        app.Run(async context =>
        {
            onCall();
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply);
        });
        await app.StartAsync();
        return app;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
