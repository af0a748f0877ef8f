using System.Net;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>The per-key rate limit, on a host of its own whose limit is 3 requests a minute.</summary>
public sealed class RateLimitTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private LocalHost _host = null!;

    public async Task InitializeAsync()
    {
        (_host, _) = await ApiHost.StartAsync(rateLimitPerMinute: 3);
        _http.BaseAddress = _host.BaseAddress;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Request_FourthInAMinute_Returns429WithRetryAfter()
    {
        var api = new ApiClient(_http, ApiHost.BootstrapKey);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("v1/node-types")).Status);
        }

        var limited = await api.GetAsync("v1/node-types");

        limited.AssertProblem(HttpStatusCode.TooManyRequests, "exceeded its limit");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}
