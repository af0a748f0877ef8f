using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>One LocalHost on Azurite shared by the API tests (a rate limit high enough never to interfere).</summary>
public sealed class ApiFixture : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public LocalHost Host { get; private set; } = null!;

    internal ProbeNodeExecutor Probe { get; private set; } = null!;

    /// <summary>The bootstrap key: admin of account <c>default</c>.</summary>
    internal ApiClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (Host, Probe) = await ApiHost.StartAsync(rateLimitPerMinute: 100_000);
        _http.BaseAddress = Host.BaseAddress;
        Api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    /// <summary>A new stored key of <paramref name="account"/> (created by the bootstrap key) with the scopes.</summary>
    internal async Task<ApiClient> NewKeyAsync(string account, params string[] scopes)
    {
        var created = await Api.PostAsync(
            "v1/keys",
            new JsonObject { ["name"] = "test", ["account_id"] = account, ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]) });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return Api.WithKey(created.Text("key"));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ApiGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "Api on Azurite";
}
