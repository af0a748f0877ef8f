using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Execution;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Benchmarks;

public static class ExpFunctions
{
    [Function("ExpString")]
    public static async Task<string> S([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var s = context.GetInput<string>();
        return await context.CallActivityAsync<string>(BenchFunctions.Noop, "x");
    }

    [Function("ExpIgnore")]
    public static async Task<string> I([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        return await context.CallActivityAsync<string>(BenchFunctions.Noop, "x");
    }

    [Function("ExpTimer")]
    public static async Task<string> T([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<WorkflowRunRequest>();
        using var c1 = new CancellationTokenSource();
        using var c2 = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(15), c1.Token);
        var ev = context.WaitForExternalEvent<string>("cancel", c2.Token);
        var act = context.CallActivityAsync<string>(BenchFunctions.Noop, request?.WorkflowId);
        await Task.WhenAny(act, timer, ev);
        c1.Cancel(); c2.Cancel();
        return await act;
    }

    [Function("ExpTimerStatus")]
    public static async Task<string> TS([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<WorkflowRunRequest>();
        using var c1 = new CancellationTokenSource();
        using var c2 = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(15), c1.Token);
        var ev = context.WaitForExternalEvent<string>("cancel", c2.Token);
        context.SetCustomStatus(new { status = "running", nodes = new { a = "succeeded", b = "running" } });
        var act = context.CallActivityAsync<string>(BenchFunctions.Noop, request?.WorkflowId);
        await Task.WhenAny(act, timer, ev);
        c1.Cancel(); c2.Cancel();
        context.SetCustomStatus(new { status = "succeeded", nodes = new { a = "succeeded", b = "succeeded" } });
        return await act;
    }
}

internal static class Experiments
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        await using var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly, typeof(BenchFunctions).Assembly],
            builder => builder.Services.AddNodeExecutor(new BenchExecutor(NodeTypes.Llm)),
            new Dictionary<string, string?>());
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var full = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-003-workflow.json")))!["data"]!;
        var reference = JsonSerializer.SerializeToElement(WorkflowFunctions.Engine.Definition.WorkflowDefinition.FromJson(full).ToExecutableJson());
        var stripped = JsonSerializer.SerializeToElement(Strip(full));
        var oneNode = WorkflowFunctions.Engine.Definition.WorkflowDefinition.FromJson(full).ToExecutableJson();
        foreach (var n in oneNode["nodes"]!.AsArray()) if (n!["type"]!.GetValue<string>() == "basic-node") n["data"]!["retry"] = new JsonObject { ["max_attempts"] = 1 };
        var oneAttempt = JsonSerializer.SerializeToElement(oneNode);
        Console.WriteLine($"definition {reference.GetRawText().Length} bytes, stripped {stripped.GetRawText().Length}");
        var big = reference.GetRawText();
        WorkflowRunRequest Req(JsonElement d, int i) => new() { WorkflowId = "bench", Version = 1, AccountId = "bench", Definition = d, Input = JsonSerializer.SerializeToElement(new { category = i % 2 == 0 ? "positive" : "negative" }) };
        var variants = new (string Label, Func<int, (string, object)> Start)[]
        {
            ("bare x", _ => (BenchFunctions.BareOrchestrator, "x")),
            ("bare reading request", i => (BenchFunctions.BareWithRequest, Req(reference, i))),
            ("workflow", i => (FunctionNames.WorkflowOrchestrator, Req(reference, i))),
            ("workflow 1 attempt", i => (FunctionNames.WorkflowOrchestrator, Req(oneAttempt, i))),
        };
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, Req(reference, 0));
            var m = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            Console.WriteLine($"input {m.SerializedInput?.Length} output {m.SerializedOutput?.Length} status {m.SerializedCustomStatus?.Length}");
            Console.WriteLine(m.SerializedOutput);
            Console.WriteLine(m.SerializedCustomStatus);
        }
        if (Environment.GetEnvironmentVariable("EXP_SIZES") is not null) return;
        foreach (var v in variants) await MeasureAsync(client, 3000, v.Start);
        if (Environment.GetEnvironmentVariable("EXP_ALLOC") is { } allocOnly)
        {
            var v = variants.First(x => x.Label == allocOnly);
            for (var r = 0; r < 6; r++) await MeasureAsync(client, runs, v.Start);
            using var listener = new AllocListener();
            var gc0 = GC.CollectionCount(0); var gc1 = GC.CollectionCount(1); var gc2 = GC.CollectionCount(2);
            var before = GC.GetTotalAllocatedBytes(true);
            var n = 0;
            for (var r = 0; r < 3; r++) { await MeasureAsync(client, runs, v.Start); n += runs; }
            var after = GC.GetTotalAllocatedBytes(true);
            Console.WriteLine($"{allocOnly}: {(after - before) / n} bytes/run allocated, gen0 {GC.CollectionCount(0) - gc0} gen1 {GC.CollectionCount(1) - gc1} gen2 {GC.CollectionCount(2) - gc2} over {n} runs (incl. purge)");
            foreach (var (type, bytes) in listener.Top(40)) Console.WriteLine($"  {bytes / n,8} B/run {type}");
            return;
        }
        if (Environment.GetEnvironmentVariable("EXP_ONLY") is { } only)
        {
            var v = variants.First(x => x.Label == only);
            for (var r = 0; r < 1000; r++) Console.WriteLine($"{only} {await MeasureAsync(client, runs, v.Start):0.000}");
        }
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < 4; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                cpu[k].Add(await MeasureAsync(client, runs, variants[k].Start));
            }
        }
        for (var k = 0; k < variants.Length; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[k].Label,-32} CPU ms/run {string.Join(" ", cpu[k].Select(c => c.ToString("0.000", CultureInfo.InvariantCulture)))}"));
        }
    }

    private static JsonObject Strip(JsonNode data)
    {
        var nodes = new JsonArray();
        foreach (var n in data["nodes"]!.AsArray())
        {
            nodes.Add(new JsonObject { ["id"] = n!["id"]!.DeepClone(), ["type"] = n["type"]!.DeepClone(), ["data"] = n["data"]!.DeepClone() });
        }
        var edges = new JsonArray();
        foreach (var e in data["edges"]!.AsArray())
        {
            var o = new JsonObject { ["source"] = e!["source"]!.DeepClone(), ["target"] = e["target"]!.DeepClone() };
            if (e["sourceHandle"] is { } h) o["sourceHandle"] = h.DeepClone();
            edges.Add(o);
        }
        return new JsonObject { ["start_node"] = data["start_node"]!.DeepClone(), ["nodes"] = nodes, ["edges"] = edges };
    }

    private static async Task<double> MeasureAsync(DurableTaskClient client, int count, Func<int, (string Name, object Input)> start)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var (name, input) = start(i);
            var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, ct);
            ids.Add(id);
            var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed) throw new InvalidOperationException(name + " " + metadata.FailureDetails?.ErrorMessage);
        });
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) => await client.PurgeInstanceAsync(id, cancellation: ct));
        GC.Collect();
        return cpu;
    }
}

internal sealed class AllocListener : System.Diagnostics.Tracing.EventListener
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName is not null && e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) && e.Payload is { } p)
        {
            var type = e.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? p[i]?.ToString() ?? "?" : "?";
            var amount = e.PayloadNames!.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(p[j], CultureInfo.InvariantCulture) : 100_000;
            _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }

    public IEnumerable<(string, long)> Top(int n) => _bytes.OrderByDescending(kv => kv.Value).Take(n).Select(kv => (kv.Key, kv.Value));
}
