using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.LocalHost.Tests.TestFunctions;

namespace WorkflowFunctions.LocalHost.Tests.Mapping;

/// <summary>A real in-memory LocalHost over the test-only functions, on a free loopback port.</summary>
public sealed class TestFunctionsHostFixture : IAsyncLifetime
{
    /// <summary>More activities than the in-memory backend would run at once by default (its processor count).</summary>
    public Rendezvous Rendezvous { get; } = new(Math.Clamp(Environment.ProcessorCount * 2, 16, 128));

    public LocalHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            FunctionCatalog.Read([typeof(ItemFunctions), typeof(GreetingFunctions), typeof(FanOutFunctions), typeof(StatusFunctions)]),
            builder =>
            {
                builder.Services.AddSingleton(new Greeter("Hello"));
                builder.Services.AddSingleton(Rendezvous);
            },
            new Dictionary<string, string?>());
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
