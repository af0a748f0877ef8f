using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Slots;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// Concurrency slots survive a crash: 40 runs of a workflow capped at 10 call an upstream that counts how many calls
/// overlap; the LocalHost process is killed (<c>kill -9</c>) with runs holding slots and runs waiting for them, and
/// started again on the same storage (an Azurite of the test's own). Every run finishes, no more than ten calls ever
/// overlapped, and the workflow's slot table ends empty: no slot leaked.
/// </summary>
public sealed class CapRestartTests : IAsyncLifetime
{
    private const int Runs = 40;
    private const int Cap = 10;
    private WebApplication _upstream = null!;
    private PrivateAzurite _azurite = null!;
    private int _current;
    private int _max;
    private int _completed;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = builder.Build();
        _upstream.MapGet("/work", async (HttpContext context) =>
        {
            var now = Interlocked.Increment(ref _current);
            InterlockedMax(ref _max, now);
            try
            {
                await Task.Delay(300, context.RequestAborted);
                Interlocked.Increment(ref _completed);
                return "done";
            }
            finally
            {
                Interlocked.Decrement(ref _current);
            }
        });
        await _upstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task CappedRuns_LocalHostKilledMidway_AllFinishWithinTheCapAndNoSlotLeaks()
    {
        var port = LocalHostProcess.FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostFixture.ApiKey);
        var settings = new Dictionary<string, string> { ["Concurrency__RecheckSeconds"] = "10", ["Api__RateLimitPerMinute"] = "100000" };
        var graph = JsonNode.Parse($$$"""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"w","type":"http-node","data":{"url":"{{{_upstream.Urls.First()}}}/work","timeout_seconds":60}},
              {"id":"o","type":"output-node","data":{"output":"{{ w.result.content }}"}}
            ],"edges":[{"source":"t","target":"w"},{"source":"w","target":"o"}]}
            """);

        string workflow;
        var runs = new List<string>();
        using (var first = await LocalHostProcess.StartAsync(port, "caprestart", client, _azurite.ConnectionString, settings))
        {
            var created = await client.PostAsJsonAsync(
                "api/v1/workflows",
                new JsonObject { ["title"] = "capped", ["data"] = graph, ["max_concurrent_runs"] = Cap });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            workflow = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
            for (var i = 0; i < Runs; i++)
            {
                var started = await client.PostAsJsonAsync($"api/v1/workflows/{workflow}/runs", new JsonObject());
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                runs.Add((await started.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>());
            }

            // Midway: some runs have finished, some hold slots with calls in flight, the rest wait in line.
            await WaitUntilAsync(() => Volatile.Read(ref _completed) >= 12 && Volatile.Read(ref _current) > 0, TimeSpan.FromMinutes(2));
            first.Kill();
        }

        Assert.True(Volatile.Read(ref _completed) < Runs, "Every run had finished before the kill.");
        using var second = await LocalHostProcess.StartAsync(port, "caprestart", client, _azurite.ConnectionString, settings);
        var finished = await Task.WhenAll(runs.Select(r => PollAsync(client, r, TimeSpan.FromMinutes(4))));

        Assert.All(finished, run => Assert.Equal("succeeded", run["status"]!.GetValue<string>()));
        Assert.InRange(Volatile.Read(ref _max), 2, Cap);
        var line = await SlotsOf(_azurite.ConnectionString).ReadAsync("default", workflow, default);
        var leaked = line.Holding != 0 || line.Waiting != 0 || line.Holders.Count > 0 || line.Waiters.Count > 0;
        Assert.False(leaked, leaked ? Describe(line, runs, finished) : null);
        Assert.Equal(Cap, line.Limit);
    }

    /// <summary>What leaked, for a failure to say: the gate, the holder and waiter rows, and every run's end as the API reports it.</summary>
    private static string Describe(SlotLine line, List<string> runs, JsonNode[] finished)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Slots left taken: Limit {line.Limit}, Holding {line.Holding}, Waiting {line.Waiting}"));
        foreach (var holder in line.Holders)
        {
            text.AppendLine(FormattableString.Invariant($"  holder {holder.RunId} since {holder.Since:O}"));
        }

        foreach (var waiter in line.Waiters)
        {
            text.AppendLine(FormattableString.Invariant($"  waiter {waiter}"));
        }

        for (var i = 0; i < runs.Count; i++)
        {
            var run = finished[i].AsObject();
            var times = string.Join(", ", run.Where(p => p.Key.EndsWith("_at", StringComparison.Ordinal)).Select(p => $"{p.Key} {p.Value}"));
            text.AppendLine(FormattableString.Invariant($"  run {runs[i]}: {run["status"]} ({times})"));
        }

        return text.ToString();
    }

    private static RunSlots SlotsOf(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnectionFactory.ConnectionName] = connectionString })
            .Build();
        return new RunSlots(StorageConnectionFactory.Create(configuration, new StorageOptions()), TimeProvider.System);
    }

    private static void InterlockedMax(ref int max, int value)
    {
        var seen = Volatile.Read(ref max);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref max, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The runs did not get under way before the deadline.");
            await Task.Delay(20);
        }
    }

    private static async Task<JsonNode> PollAsync(HttpClient client, string id, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (true)
        {
            var run = (await client.GetFromJsonAsync<JsonNode>($"api/v1/runs/{id}", cancel.Token))!;
            if (run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            await Task.Delay(250, cancel.Token);
        }
    }
}
