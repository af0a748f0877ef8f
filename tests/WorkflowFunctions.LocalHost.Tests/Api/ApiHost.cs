using WorkflowFunctions.Execution;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Starts a LocalHost on Azurite for API tests: its own table prefix and task hub, so every start sees empty
/// storage, the bootstrap key, and <see cref="ProbeNodeExecutor"/> for <c>http-node</c>s.
/// </summary>
internal static class ApiHost
{
    public const string BootstrapKey = "api-tests-bootstrap-key";

    public static async Task<(LocalHost Host, ProbeNodeExecutor Probe)> StartAsync(int rateLimitPerMinute)
    {
        await Azurite.EnsureRunningAsync();
        var unique = "api" + Guid.NewGuid().ToString("N")[..12];
        var probe = new ProbeNodeExecutor();
        var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            configure: builder => builder.Services.AddNodeExecutor(probe),
            settings: new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = Azurite.ConnectionString,
                ["DURABLE_TASK_HUB_NAME"] = unique,
                ["Storage:TablePrefix"] = unique,
                ["Auth:BootstrapKey"] = BootstrapKey,
                ["Api:RateLimitPerMinute"] = rateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        return (host, probe);
    }
}
