using WorkflowFunctions.LocalHost.Tests.Api;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// A LocalHost on Azurite stopped moments after it started: DTFx Azure Storage's stop used what its start had not
/// created yet and threw on the thread pool, which ended the whole test process (a short test class was enough).
/// </summary>
public sealed class HostLifetimeTests
{
    [Fact]
    public async Task Dispose_RightAfterStartOnAzurite_StopsWithoutCrashingTheProcess()
    {
        for (var i = 0; i < 3; i++)
        {
            var (host, _) = await ApiHost.StartAsync(rateLimitPerMinute: 100);
            var mode = host.Backend.Mode;
            await host.DisposeAsync();

            // The other assertion is that the process is still alive to run the next line.
            Assert.Equal("azure-storage", mode);
        }
    }
}
