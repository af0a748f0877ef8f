using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Testing;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// The map-rows workflow of <see cref="TablesBenchmark"/> on the durable backend: the built LocalHost runs as a
/// separate process on Azure Storage (Azurite), with a task hub and tables of its own, the real LLM executor calling a
/// zero-latency stub in this process that answers each row with <c>label-&lt;row id&gt;</c> and counts the calls per
/// row. With a kill fraction above 0 the process is killed (SIGKILL, as <c>kill -9</c>) once that fraction of the rows
/// has been called, and started again on the same storage. Reports rows/s, the time from the restart to the finished
/// run, the calls beyond one per row (rows re-run after the crash) and whether any of them had its result recorded in
/// a chunk's history at the kill (read from the task hub's History table, which the dead process no longer changes),
/// the largest orchestration history (events per instance in the History table), and checks every row's answer.
/// Usage: <c>tables-kill [rows, default 10000] [concurrency, default 50] [kill fraction, default 0.5; 0 runs without
/// a kill] [chunk rows] [parallel chunks]</c>. Storage is <c>AzureWebJobsStorage</c> when set, else Azurite on its
/// default ports.
/// </summary>
internal static partial class TablesKillBenchmark
{
    private const string Key = "bench-key";

    public static async Task RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var killAt = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.5;
        var tables = new Settings.TableOptions();
        var chunkRows = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : tables.ChunkRows;
        var parallelChunks = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : tables.ParallelChunks;
        var storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 } given
            ? given
            : Azurite.ConnectionString;
        if (storage == Azurite.ConnectionString && !await Azurite.IsRunningAsync())
        {
            throw new InvalidOperationException("Azurite is not listening on 127.0.0.1:10000-10002; start it, or set AzureWebJobsStorage to another one.");
        }

        var calls = new RowCalls(rows);
        await using var llm = await StartLlmStubAsync(calls);
        var hub = "tk" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        var port = FreePort();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage,
            ["DURABLE_TASK_HUB_NAME"] = hub,
            ["Storage__TablePrefix"] = hub,
            ["Storage__PayloadContainer"] = hub,
            ["Auth__BootstrapKey"] = Key,
            ["Api__RateLimitPerMinute"] = "100000",
            ["Llm__Endpoint"] = llm.Urls.First() + "/v1",
            ["Llm__ApiKey"] = "sk-bench",
            ["Llm__Model"] = "bench-model",
            ["Tables__MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Tables__ChunkRows"] = chunkRows.ToString(CultureInfo.InvariantCulture),
            ["Tables__ParallelChunks"] = parallelChunks.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        var where = storage == Azurite.ConnectionString ? "Azurite (default ports)" : "AzureWebJobsStorage";
        Console.WriteLine($"task hub {hub} on {where}, LocalHost on port {port}");

        var loadBefore = LoadAverage();
        var cpu = TimeSpan.Zero;
        var host = await LocalHostChild.StartAsync(port, settings, http);
        try
        {
            var clock = Stopwatch.StartNew();
            var csv = "id,name,score\n"
                + string.Join('\n', Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},name {i},{i % 100 / 100.0}")));
            var started = await http.PostAsJsonAsync("api/v1/runs", new JsonObject
            {
                ["definition"] = Definition(concurrency),
                ["input"] = new JsonObject { ["csv_text"] = csv },
                ["timeout_seconds"] = 7200,
            });
            var runId = started.IsSuccessStatusCode
                ? (await started.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>()
                : throw new InvalidOperationException($"The run was refused ({(int)started.StatusCode}): {await started.Content.ReadAsStringAsync()}");

            Kill? kill = null;
            if (killAt > 0)
            {
                var threshold = (int)Math.Ceiling(rows * killAt);
                while (calls.CalledRows < threshold)
                {
                    await Task.Delay(20);
                }

                var killedAfter = clock.Elapsed;
                cpu += host.Cpu;
                host.Kill();
                var calledAtKill = calls.CalledRows;
                var callsAtKill = calls.Total;
                // The dead process changes nothing more: rows whose results the chunks' histories hold now must not be called again.
                var recorded = await RecordedRowsAsync(storage, hub);
                var restarted = Stopwatch.StartNew();
                host = await LocalHostChild.StartAsync(port, settings, http);
                kill = new Kill(killedAfter, calledAtKill, callsAtKill, recorded, restarted, restarted.Elapsed);
            }

            var run = await PollAsync(http, runId);
            var elapsed = clock.Elapsed;
            var sinceRestart = kill?.Restarted.Elapsed;
            var loadAfter = LoadAverage();
            cpu += host.Cpu;
            var map = (await http.GetFromJsonAsync<JsonNode>($"api/v1/runs/{runId}/nodes/m/result?timeout=60000"))!["result"]!;

            var status = run["status"]!.GetValue<string>() + (run["error"] is { } error ? ": " + error.ToJsonString() : string.Empty);
            var table = map["rows"]!.AsArray();
            var wrong = table.Count(r => r!["label"]?.GetValue<string>() != "label-" + r["id"]!.ToJsonString());
            var histories = await TaskHubHistory.CountAsync(storage, hub);
            var largest = histories.MaxBy(h => h.Value);
            var chunks = histories.Where(h => h.Key.Contains(":m:r", StringComparison.Ordinal)).Select(h => h.Value).DefaultIfEmpty().ToList();
            var perRow = calls.PerRow;
            var total = perRow.Sum();
            Report($"map-rows over {rows} rows, concurrency {concurrency}, chunks of {chunkRows} rows, {parallelChunks} at once, LLM stub on loopback, "
                + "LocalHost process on Azure Storage");
            Report($"  run: {status}, {elapsed.TotalSeconds:0.0} s from start to final status, {rows / elapsed.TotalSeconds:0.0} rows/s overall");
            Report($"  result: {table.Count} rows, {wrong} without their own answer");
            Report($"  LLM stub calls {total}: {total - rows} beyond one per row; {perRow.Count(c => c > 1)} rows called more than once, "
                + $"at most {perRow.Max()} times; {perRow.Count(c => c == 0)} rows never called");
            Report($"  largest history: {largest.Value} events ({largest.Key}); run {histories.GetValueOrDefault(runId)}, "
                + $"map-rows {histories.GetValueOrDefault(runId + ":m")}, {chunks.Count} chunks {chunks.Min()}-{chunks.Max()}");
            Report($"  LocalHost process CPU {cpu.TotalSeconds:0.0} s ({cpu.TotalMilliseconds / rows:0.0} ms per row, start-up included); "
                + $"load average {loadBefore} before, {loadAfter} after ({Environment.ProcessorCount} cores)");
            if (kill is not null)
            {
                var restOfRows = rows - kill.CalledRows;
                Report($"  kill -9 after {kill.After.TotalSeconds:0.0} s: {kill.CalledRows} rows called "
                    + $"({kill.CalledRows / kill.After.TotalSeconds:0.0} rows/s), "
                    + $"{kill.Calls} calls; {kill.Recorded.Count} rows' results recorded in chunk histories then");
                Report($"  restart: healthy after {kill.Healthy.TotalSeconds:0.0} s, run final {sinceRestart!.Value.TotalSeconds:0.0} s after the restart "
                    + $"({restOfRows / sinceRestart.Value.TotalSeconds:0.0} rows/s for the {restOfRows} rows left)");
                Report($"  rows re-run: {perRow.Count(c => c > 1)}, {kill.Recorded.Count(r => perRow[r] > 1)} of them with a result recorded at the kill; "
                    + $"rows called before the kill but not recorded: {kill.CalledRows - kill.Recorded.Count}");
            }
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>The LLM stub's calls per row.</summary>
    private sealed class RowCalls(int rows)
    {
        private readonly int[] _calls = new int[rows];
        private int _calledRows;
        private int _total;

        public int CalledRows => Volatile.Read(ref _calledRows);

        public int Total => Volatile.Read(ref _total);

        public int[] PerRow => [.. _calls];

        public void Add(int row)
        {
            Interlocked.Increment(ref _total);
            if (Interlocked.Increment(ref _calls[row]) == 1)
            {
                Interlocked.Increment(ref _calledRows);
            }
        }
    }

    private sealed record Kill(TimeSpan After, int CalledRows, int Calls, IReadOnlySet<int> Recorded, Stopwatch Restarted, TimeSpan Healthy);

    /// <summary>The rows whose answers the chunks' histories hold: each completed row call's result names its row (<c>label-&lt;id&gt;</c>).</summary>
    private static async Task<IReadOnlySet<int>> RecordedRowsAsync(string storage, string hub)
    {
        var rows = new HashSet<int>();
        foreach (var completed in await TaskHubHistory.EventsAsync(storage, hub, "TaskCompleted"))
        {
            if (completed.InstanceId.Contains(":m:r", StringComparison.Ordinal)
                && completed.Result is { } result
                && Label().Match(result) is { Success: true } match)
            {
                rows.Add(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            }
        }

        return rows;
    }

    private static async Task<JsonNode> PollAsync(HttpClient http, string id)
    {
        while (true)
        {
            var run = (await http.GetFromJsonAsync<JsonNode>($"api/v1/runs/{id}"))!;
            if (run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled" or "timed_out")
            {
                return run;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>trigger (csv_text) -> import-csv -> map-rows (one LLM call per row, answer column <c>label</c>) -> output (the mapped table).</summary>
    private static JsonNode Definition(int concurrency) => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"csv_text","type":"text"}]}},
          {"id":"csv","type":"import-csv-node","data":{"text":"{{ csv_text }}"}},
          {"id":"m","type":"map-rows-node","data":{"table":"{{ csv.result }}","column":"label","concurrency":__CONCURRENCY__,
            "call":{"type":"basic-node","data":{"messages":[{"role":"user","message":"Label row {{ row.id }} ({{ row.name }}, score {{ row.score }})"}]}}}},
          {"id":"o","type":"output-node","data":{"output":"{{ m.result.row_count }} rows"}}],
         "edges":[{"source":"t","target":"csv"},{"source":"csv","target":"m"},{"source":"m","target":"o"}]}
        """.Replace("__CONCURRENCY__", concurrency.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))!;

    /// <summary>An OpenAI-compatible chat-completions endpoint that answers at once with <c>label-&lt;row id&gt;</c>, counting the calls per row.</summary>
    private static async Task<WebApplication> StartLlmStubAsync(RowCalls calls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var match = Prompt().Match(body);
            if (!match.Success)
            {
                context.Response.StatusCode = 400;
                return;
            }

            var row = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            calls.Add(row);
            context.Response.ContentType = "application/json";
            var reply = new JsonObject
            {
                ["id"] = "chatcmpl-bench",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = "bench-model",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "label-" + row.ToString(CultureInfo.InvariantCulture) },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 1, ["total_tokens"] = 13 },
            };
            await context.Response.WriteAsync(reply.ToJsonString());
        });
        await app.StartAsync();
        return app;
    }

    [GeneratedRegex(@"Label row (\d+) ")]
    private static partial Regex Prompt();

    [GeneratedRegex(@"label-(\d+)")]
    private static partial Regex Label();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A line of the report (written in the invariant culture, which <see cref="RunAsync"/> sets).</summary>
    private static void Report(string line) => Console.WriteLine(line);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The built LocalHost (this configuration's build) as a child process, which the benchmark can kill.</summary>
    private sealed class LocalHostChild(Process process) : IDisposable
    {
        public static async Task<LocalHostChild> StartAsync(int port, IReadOnlyDictionary<string, string> settings, HttpClient http)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(
                Azurite.RepositoryRoot(), "src", "WorkflowFunctions.LocalHost", "bin", configuration, "net10.0", "WorkflowFunctions.LocalHost.dll");
            var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var (name, value) in settings)
            {
                info.Environment[name] = value;
            }

            var child = new LocalHostChild(Process.Start(info)!);
            child._process.OutputDataReceived += (_, _) => { };
            child._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    Console.Error.WriteLine("  [localhost] " + line);
                }
            };
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (true)
            {
                try
                {
                    if ((await http.GetAsync(new Uri("api/health", UriKind.Relative), limit.Token)).IsSuccessStatusCode)
                    {
                        return child;
                    }
                }
                catch (HttpRequestException) when (!child._process.HasExited)
                {
                }

                if (child._process.HasExited)
                {
                    throw new InvalidOperationException($"The LocalHost exited with code {child._process.ExitCode} ({dll}).");
                }

                await Task.Delay(100, limit.Token);
            }
        }

        private readonly Process _process = process;

        /// <summary>The CPU time the process has used so far.</summary>
        public TimeSpan Cpu
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        /// <summary>SIGKILL, as <c>kill -9</c>, and waits until the process is gone.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }
}
