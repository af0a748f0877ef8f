using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.LocalHost.Tests.Api;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// The event feed across a <c>kill -9</c> of the process executing the run (an Azurite of its own): a client that
/// watched the run until the kill reconnects to the restarted process with its last event id and receives the rest
/// exactly once, in order; together they are the feed a client reading after the end receives.
/// </summary>
public sealed class EventRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);
    private readonly TaskCompletionSource _slowEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _upstream = null!;
    private PrivateAzurite _azurite = null!;
    private int _slowHits;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = builder.Build();
        _upstream.MapGet("/fast", () => "fast");
        _upstream.MapGet("/slow", async (HttpContext context) =>
        {
            // The first call hangs until its caller dies; the one after the restart answers at once.
            if (Interlocked.Increment(ref _slowHits) == 1)
            {
                _slowEntered.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return "late";
            }

            return "slow";
        });
        await _upstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Events_KillDuringANodeThenReconnectWithLastEventId_RestExactlyOnceInOrder()
    {
        // Arrange
        var upstream = _upstream.Urls.First();
        var port = FreePort();
        var hub = "k" + DateTime.UtcNow.ToString("MMddHHmmssfff", CultureInfo.InvariantCulture);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostFixture.ApiKey);
        var definition = JsonNode.Parse($$$"""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"a","type":"http-node","data":{"url":"{{{upstream}}}/fast"}},
              {"id":"b","type":"http-node","data":{"url":"{{{upstream}}}/slow","timeout_seconds":120}},
              {"id":"o","type":"output-node","data":{"output":"{{ a.result.content }}+{{ b.result.content }}"}}
            ],"edges":[{"source":"t","target":"a"},{"source":"a","target":"b"},{"source":"b","target":"o"}]}
            """);

        // Act: watch the run until its slow node is under way, then kill the process running it.
        List<SseMessage> beforeKill;
        string runId;
        using (var first = await LocalHostProcess.StartAsync(port, hub, client, _azurite.ConnectionString))
        {
            var start = await client.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = definition, ["input"] = new JsonObject() });
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            runId = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
            await using var watching = await EventStreamClient.OpenAsync(baseAddress, $"v1/runs/{runId}/events", LocalHostFixture.ApiKey);
            await watching.ReadUntilAsync(m => m is { Event: "node.started", NodeId: "b" }, Within);
            await _slowEntered.Task.WaitAsync(Within);
            beforeKill = [.. watching.Events];
            first.Kill();
        }

        // The restarted process finishes the run; the client comes back with the last id it saw.
        using var second = await LocalHostProcess.StartAsync(port, hub, client, _azurite.ConnectionString);
        await using var resumed = await EventStreamClient.OpenAsync(
            baseAddress, $"v1/runs/{runId}/events", LocalHostFixture.ApiKey, lastEventId: beforeKill[^1].Id);
        var afterRestart = await resumed.ReadToEndAsync(Within);
        await using var replay = await EventStreamClient.OpenAsync(baseAddress, $"v1/runs/{runId}/events", LocalHostFixture.ApiKey);
        var whole = await replay.ReadToEndAsync(Within);

        // Assert
        var seen = beforeKill.Concat(afterRestart).ToList();
        Assert.Equal(Enumerable.Range(1, seen.Count), seen.Select(e => e.Seq));
        Assert.Equal(whole.Select(e => (e.Id, e.Event, e.Data)), seen.Select(e => (e.Id, e.Event, e.Data)));
        Assert.Equal("node.started", beforeKill[^1].Event);
        Assert.Equal(
            ["node.succeeded:b", "node.started:o", "node.succeeded:o", "run.output", "run.succeeded"],
            afterRestart.Select(e => e.NodeId is { } n ? $"{e.Event}:{n}" : e.Event));
        Assert.Equal("fast+slow", afterRestart.Single(e => e.Event == "run.output").Json["output"]!.GetValue<string>());
        Assert.Equal(2, _slowHits);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
