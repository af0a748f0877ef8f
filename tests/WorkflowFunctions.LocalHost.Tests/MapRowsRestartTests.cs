using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// Map-rows survives a crash: a 200-row table is mapped in chunks of 20 through an http-node that answers each row with
/// <c>answer-&lt;id&gt;</c> and counts the calls per row; the LocalHost process is killed (<c>kill -9</c>) once half the
/// rows were called and started again. The run finishes with every row holding its own answer, no row whose result a
/// chunk's history held at the kill is called again, and the rows called twice are at most the calls in flight.
/// </summary>
public sealed partial class MapRowsRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 200;
    private const int Concurrency = 4;
    private readonly int[] _calls = new int[Rows];
    private int _calledRows;
    private WebApplication _upstream = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = builder.Build();
        _upstream.MapGet("/row/{id:int}", async (int id) =>
        {
            if (Interlocked.Increment(ref _calls[id]) == 1)
            {
                Interlocked.Increment(ref _calledRows);
            }

            // A little latency, so calls are in flight when the process dies.
            await Task.Delay(20);
            return "answer-" + id.ToString(CultureInfo.InvariantCulture);
        });
        await _upstream.StartAsync();
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task MapRows_LocalHostKilledMidway_EveryRowAnsweredAndRecordedRowsNotCalledAgain()
    {
        // Arrange
        var port = LocalHostProcess.FreePort();
        var hub = "mr" + DateTime.UtcNow.ToString("MMddHHmmssfff", CultureInfo.InvariantCulture);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostFixture.ApiKey);
        var settings = new Dictionary<string, string>
        {
            ["Tables__ChunkRows"] = "20",
            ["Tables__ParallelChunks"] = "2",
            ["Api__RateLimitPerMinute"] = "100000",
        };
        var definition = JsonNode.Parse($$$"""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"csv_text","type":"text"}]}},
              {"id":"csv","type":"import-csv-node","data":{"text":"{{ csv_text }}"}},
              {"id":"m","type":"map-rows-node","data":{"table":"{{ csv.result }}","column":"answer","concurrency":{{{Concurrency}}},
                "call":{"type":"http-node","data":{"url":"{{{_upstream.Urls.First()}}}/row/{{ row.id }}"} } } },
              {"id":"o","type":"output-node","data":{"output":"{{ m.result.row_count }} rows"}}
            ],"edges":[{"source":"t","target":"csv"},{"source":"csv","target":"m"},{"source":"m","target":"o"}]}
            """);
        var csv = "id,name\n" + string.Join('\n', Enumerable.Range(0, Rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},row {i}")));

        // Act: start the run, kill the process once half the rows were called, read what the chunks recorded, restart.
        string runId;
        IReadOnlySet<int> recorded;
        int calledAtKill;
        using (var first = await LocalHostProcess.StartAsync(port, hub, client, Azurite.ConnectionString, settings))
        {
            var body = new JsonObject { ["definition"] = definition, ["input"] = new JsonObject { ["csv_text"] = csv } };
            var start = await client.PostAsJsonAsync("api/v1/runs", body);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            runId = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
            await WaitUntilAsync(() => Volatile.Read(ref _calledRows) >= Rows / 2, TimeSpan.FromMinutes(3));
            first.Kill();
            calledAtKill = Volatile.Read(ref _calledRows);
            recorded = await RecordedRowsAsync(hub);
        }

        Assert.True(calledAtKill < Rows, "Every row had been called before the kill.");
        Assert.NotEmpty(recorded);
        using var second = await LocalHostProcess.StartAsync(port, hub, client, Azurite.ConnectionString, settings);
        var run = await PollAsync(client, runId, TimeSpan.FromMinutes(4));
        var map = (await client.GetFromJsonAsync<JsonNode>($"api/v1/runs/{runId}/nodes/m/result?timeout=60000"))!["result"]!;

        // Assert: every row answered, each with its own answer, once in the result.
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var rows = map["rows"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, Rows), rows.Select(r => r!["id"]!.GetValue<int>()));
        Assert.All(rows, r => Assert.Equal("answer-" + r!["id"]!.ToJsonString(), r["answer"]!.GetValue<string>()));
        Assert.All(_calls, calls => Assert.InRange(calls, 1, 2));

        // Assert: only rows without a recorded result ran again, and no more of them than were in flight.
        var reRun = Enumerable.Range(0, Rows).Where(r => _calls[r] > 1).ToList();
        output.WriteLine($"{calledAtKill} rows called at the kill, {recorded.Count} recorded; {reRun.Count} re-run: {string.Join(", ", reRun)}");
        Assert.Empty(reRun.Intersect(recorded));
        Assert.InRange(reRun.Count, 0, Concurrency);
    }

    /// <summary>The rows whose answers the chunks' histories (<c>&lt;run&gt;:m:r&lt;first row&gt;</c>) hold as completed calls.</summary>
    private static async Task<IReadOnlySet<int>> RecordedRowsAsync(string hub)
    {
        var rows = new HashSet<int>();
        foreach (var completed in await TaskHubHistory.EventsAsync(Azurite.ConnectionString, hub, "TaskCompleted"))
        {
            if (completed.InstanceId.Contains(":m:r", StringComparison.Ordinal)
                && Answer().Match(completed.Result ?? string.Empty) is { Success: true } match)
            {
                rows.Add(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            }
        }

        return rows;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (!condition())
        {
            await Task.Delay(10, cancel.Token);
        }
    }

    private static async Task<JsonNode> PollAsync(HttpClient client, string id, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"api/v1/runs/{id}", UriKind.Relative), cancel.Token);
            var text = await response.Content.ReadAsStringAsync(cancel.Token);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
            var run = JsonNode.Parse(text)!;
            if (run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled" or "timed_out")
            {
                return run;
            }

            await Task.Delay(200, cancel.Token);
        }
    }

    [GeneratedRegex(@"answer-(\d+)")]
    private static partial Regex Answer();
}
