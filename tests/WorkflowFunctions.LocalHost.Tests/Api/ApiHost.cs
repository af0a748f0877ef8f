
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Starts a LocalHost on Azurite for API tests: its own table prefix and task hub, so every start sees empty
/// storage, the bootstrap key, and <see cref="ProbeNodeExecutor"/> for <c>http-node</c>s.
/// </summary>
internal static class ApiHost
{
    public const string BootstrapKey = "api-tests-bootstrap-key";

    /// <summary>
    /// A LocalHost on Azurite (isolated task hub and tables; the shared instance unless <paramref name="storage"/> names
    /// another), or fully in memory when <paramref name="inMemory"/>; <paramref name="extra"/> adds or overrides
    /// settings (configuration keys such as <c>Api:ResultPollIntervalMs</c>). Hosts given the same <paramref name="hub"/>
    /// share their task hub and tables (give each its own <c>LocalHost:WorkerId</c>, and one <paramref name="probe"/>).
    /// </summary>
    public static async Task<(LocalHost Host, ProbeNodeExecutor Probe)> StartAsync(
        int rateLimitPerMinute,
        bool inMemory = false,
        IReadOnlyDictionary<string, string?>? extra = null,
        string? storage = null,
        string? hub = null,
        ProbeNodeExecutor? probe = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:BootstrapKey"] = BootstrapKey,
            ["Api:RateLimitPerMinute"] = rateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LocalHost:FailOnHostLimits"] = "true",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        if (!inMemory)
        {
            if (storage is null)
            {
                await Azurite.EnsureRunningAsync();
            }

            var unique = hub ?? "api" + Guid.NewGuid().ToString("N")[..12];
            settings["AzureWebJobsStorage"] = storage ?? Azurite.ConnectionString;
            settings["DURABLE_TASK_HUB_NAME"] = unique;
            settings["Storage:TablePrefix"] = unique;
        }

        probe ??= new ProbeNodeExecutor();
        var host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            configure: builder => builder.Services.AddNodeExecutor(probe),
            settings: settings);
        return (host, probe);
    }
}
