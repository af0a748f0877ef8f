using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Two LocalHosts on one task hub and one set of tables (an Azurite of their own), as two instances of the app in
/// Azure: one holds the partition and runs the orchestration, both run activities and serve the API. A run started on
/// one and approved on the other streams the same events, with the same numbers, from both.
/// </summary>
public sealed class TwoInstanceEventTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);
    private readonly HttpClient _httpA = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly HttpClient _httpB = new() { Timeout = TimeSpan.FromMinutes(2) };
    private PrivateAzurite _azurite = null!;
    private LocalHost _a = null!;
    private LocalHost _b = null!;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        var hub = "two" + Guid.NewGuid().ToString("N")[..10];
        var probe = new ProbeNodeExecutor();
        (_a, _) = await ApiHost.StartAsync(100_000, extra: Settings("a"), storage: _azurite.ConnectionString, hub: hub, probe: probe);
        (_b, _) = await ApiHost.StartAsync(100_000, extra: Settings("b"), storage: _azurite.ConnectionString, hub: hub, probe: probe);
        _httpA.BaseAddress = _a.BaseAddress;
        _httpB.BaseAddress = _b.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    public void Dispose()
    {
        _httpA.Dispose();
        _httpB.Dispose();
    }

    [Fact]
    public async Task Events_RunOnOneInstanceStreamedFromBoth_SameEventsInOrder()
    {
        // Arrange
        var a = new ApiClient(_httpA, ApiHost.BootstrapKey);
        var b = new ApiClient(_httpB, ApiHost.BootstrapKey);
        var child = await a.CreateWorkflowAsync(RunEventGraphs.Child(), "child");
        var workflow = await a.CreateWorkflowAsync(RunEventGraphs.Everything(child), "everything");
        var runId = await a.StartRunAsync(workflow, null);

        // Act
        await using var fromA = await EventStreamClient.OpenAsync(_a.BaseAddress, $"v1/runs/{runId}/events", ApiHost.BootstrapKey);
        await using var fromB = await EventStreamClient.OpenAsync(_b.BaseAddress, $"v1/runs/{runId}/events", ApiHost.BootstrapKey);
        await fromB.ReadUntilAsync(m => m.Event == "node.waiting", Within);
        Assert.Equal(HttpStatusCode.Accepted, (await b.PostAsync($"v1/runs/{runId}/approvals/gate", new JsonObject { ["decision"] = "approve" })).Status);
        var seenByA = await fromA.ReadToEndAsync(Within);
        var seenByB = await fromB.ReadToEndAsync(Within);

        // Assert
        Assert.Equal(RunEventGraphs.EverythingEvents, seenByB.Select(e => e.NodeId is { } node ? $"{e.Event}:{node}" : e.Event));
        Assert.Equal(Enumerable.Range(1, seenByB.Count), seenByB.Select(e => e.Seq));
        Assert.Equal(seenByA.Select(e => (e.Id, e.Event, e.Data)), seenByB.Select(e => (e.Id, e.Event, e.Data)));
    }

    private static Dictionary<string, string?> Settings(string workerId) => new()
    {
        ["LocalHost:WorkerId"] = workerId,
        ["Api:StreamHeartbeatSeconds"] = "1",
        ["Api:EventPollIntervalMs"] = "500",
    };
}
