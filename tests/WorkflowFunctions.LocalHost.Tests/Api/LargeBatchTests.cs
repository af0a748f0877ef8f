using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// The 1,000-item batch of issue #4 on the LocalHost's in-memory engine and storage, over real HTTP: every item
/// ends final, the counts add up, and no more than the concurrency run at once. The same test with 100 items runs
/// on Azurite in <see cref="BatchEndpointTests"/>; 1,000 on Azurite takes many minutes on a 2-core machine.
/// </summary>
public sealed class LargeBatchTests : IAsyncLifetime, IDisposable
{
    private LocalHost? _host;
    private ProbeNodeExecutor? _probe;
    private HttpClient? _http;
    private ApiClient? _api;

    public async Task InitializeAsync()
    {
        (_host, _probe) = await ApiHost.StartAsync(rateLimitPerMinute: 100_000, inMemory: true);
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
        _api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_ThousandItemsAtConcurrencyFive_AllFinishAndNeverMoreThanFiveRunAtOnce()
    {
        var workflow = await _api!.CreateWorkflowAsync(Graphs.Probe(delayMs: 5));
        var items = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);

        var created = await _api!.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 5 });
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var batch = await _api!.PollAsync($"v1/batches/{created.Text("id")}", b => b["status"]!.GetValue<string>() != "running", TimeSpan.FromMinutes(15));

        Assert.Equal("completed", batch["status"]!.GetValue<string>());
        var counts = batch["counts"]!.AsObject();
        Assert.Equal(1000, counts.Sum(c => c.Value!.GetValue<int>()));
        Assert.Equal(1000, counts["succeeded"]!.GetValue<int>());
        Assert.Equal(1000, batch["finished"]!.GetValue<int>());
        Assert.Equal(1000, _probe!.Started(workflow));
        Assert.InRange(_probe!.MaxConcurrent(workflow), 2, 5);
    }
}
