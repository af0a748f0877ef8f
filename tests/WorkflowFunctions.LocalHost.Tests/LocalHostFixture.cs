using System.Net.Http.Headers;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>A real LocalHost (in-memory engine) on a free loopback port, called over real HTTP.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string ApiKey = "test-bootstrap-key";

    public LocalHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            // The tests sharing this host poll every 50 ms with one key; on a busy machine their runs take long
            // enough for those polls to pass the default 100 requests/min. The limit is tested in RateLimitTests.
            settings: new Dictionary<string, string?>
            {
                ["Auth:BootstrapKey"] = ApiKey,
                ["Api:RateLimitPerMinute"] = "100000",
                ["LocalHost:FailOnHostLimits"] = "true",
            });
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
        Client.DefaultRequestHeaders.Add("x-api-key", ApiKey);
        Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostGroup : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "LocalHost";
}
