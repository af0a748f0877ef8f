using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// Durability on Azurite: the LocalHost process is killed while an activity is in flight and started again;
/// the run completes, the node that had finished is not executed again, and the interrupted one re-runs.
/// </summary>
public sealed class RestartTests : IAsyncLifetime
{
    private WebApplication _upstream = null!;
    private int _fastHits;
    private int _slowHits;
    private readonly TaskCompletionSource _slowEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = builder.Build();
        _upstream.MapGet("/fast", () => { Interlocked.Increment(ref _fastHits); return "fast"; });
        _upstream.MapGet("/slow", async (HttpContext context) =>
        {
            // The first call hangs until its caller dies; the retry after the restart answers at once.
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

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Run_SurvivesKillDuringActivity_FinishedNodesNotReRun()
    {
        var upstream = _upstream.Urls.First();
        var port = LocalHostProcess.FreePort();
        var hub = "r" + DateTime.UtcNow.ToString("MMddHHmmssfff", CultureInfo.InvariantCulture);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostFixture.ApiKey);
        var definition = JsonNode.Parse($$$"""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"a","type":"http-node","data":{"url":"{{{upstream}}}/fast"}},
              {"id":"b","type":"http-node","data":{"url":"{{{upstream}}}/slow","timeout_seconds":120}},
              {"id":"o","type":"output-node","data":{"output":"{{ a.result.content }}+{{ b.result.content }}"}}
            ],"edges":[{"source":"t","target":"a"},{"source":"a","target":"b"},{"source":"b","target":"o"}]}
            """);

        string runId;
        using (var first = await LocalHostProcess.StartAsync(port, hub, client, Azurite.ConnectionString))
        {
            var start = await client.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = definition, ["input"] = new JsonObject() });
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            runId = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
            await _slowEntered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill();
        }

        using var second = await LocalHostProcess.StartAsync(port, hub, client, Azurite.ConnectionString);
        var run = await PollAsync(client, runId, TimeSpan.FromSeconds(120));

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("fast+slow", run["result"]!["outputs"]!["o"]!["content"]!.GetValue<string>());
        Assert.Equal(1, _fastHits);
        Assert.Equal(2, _slowHits);
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

            await Task.Delay(200, cancel.Token);
        }
    }
}
