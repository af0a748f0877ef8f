using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// A LocalHost for the event-stream tests (in memory or on Azurite), with one-second heartbeats so a test can see
/// them, and the probe executor for <c>http-node</c>s.
/// </summary>
public abstract class EventHostFixture(bool inMemory) : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public LocalHost Host { get; private set; } = null!;

    internal ProbeNodeExecutor Probe { get; private set; } = null!;

    internal ApiClient Api { get; private set; } = null!;

    public bool InMemory => inMemory;

    public async Task InitializeAsync()
    {
        (Host, Probe) = await ApiHost.StartAsync(
            rateLimitPerMinute: 100_000,
            inMemory,
            new Dictionary<string, string?> { ["Api:StreamHeartbeatSeconds"] = "1" });
        _http.BaseAddress = Host.BaseAddress;
        Api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    internal async Task<ApiClient> NewKeyAsync(string account, params string[] scopes)
    {
        var created = await Api.PostAsync(
            "v1/keys",
            new JsonObject { ["name"] = "test", ["account_id"] = account, ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]) });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return Api.WithKey(created.Text("key"));
    }

    internal Task<EventStreamClient> OpenAsync(string path, string? lastEventId = null, string key = ApiHost.BootstrapKey) =>
        EventStreamClient.OpenAsync(Host.BaseAddress, path, key, lastEventId);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class InMemoryEventHost() : EventHostFixture(inMemory: true);

public sealed class AzuriteEventHost() : EventHostFixture(inMemory: false);
