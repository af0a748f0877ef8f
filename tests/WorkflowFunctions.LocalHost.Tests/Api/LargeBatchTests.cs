using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// The 1,000-item batch of issue #4 on the LocalHost backed by Azurite, over real HTTP: every item ends final, the
/// counts add up to the total, and no more than the concurrency run at once, as measured in the node executor and
/// as the batch reports. It has an Azurite of its own (<see cref="PrivateAzurite"/> says why) and its own LocalHost.
/// </summary>
public sealed class LargeBatchTests : IAsyncLifetime, IDisposable
{
    private PrivateAzurite? _azurite;
    private LocalHost? _host;
    private ProbeNodeExecutor? _probe;
    private HttpClient? _http;
    private ApiClient? _api;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        (_host, _probe) = await ApiHost.StartAsync(rateLimitPerMinute: 100_000, storage: _azurite.ConnectionString);
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_ThousandItemsAtConcurrencyFive_AllFinishAndNeverMoreThanFiveRunAtOnce()
    {
        var workflow = await _api!.CreateWorkflowAsync(Graphs.Probe(delayMs: 5, holdUntilConcurrent: 2));
        var items = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);

        var created = await _api!.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 5 });
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        // The deadline only stops a stuck batch from hanging the run; docs/orchestration.md has the measured times.
        var (batch, reportedRunning) = await _api!.PollBatchAsync(created.Text("id"), TimeSpan.FromMinutes(15), TimeSpan.FromMilliseconds(250));

        Assert.Equal("completed", batch["status"]!.GetValue<string>());
        var counts = batch["counts"]!.AsObject();
        Assert.Equal(1000, counts.Sum(c => c.Value!.GetValue<int>()));
        Assert.Equal(1000, counts["succeeded"]!.GetValue<int>());
        Assert.Equal(1000, batch["finished"]!.GetValue<int>());
        Assert.Equal(1000, _probe!.Started(workflow));
        Assert.InRange(_probe!.MaxConcurrent(workflow), 2, 5);
        Assert.InRange(reportedRunning, 1, 5);
    }
}
