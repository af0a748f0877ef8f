using Azure.Core;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;

namespace WorkflowFunctions.Telemetry;

/// <summary>
/// Application Insights for the isolated worker: dependencies (HttpClient calls of the LLM and HTTP nodes,
/// and each node's own span), and every log with its scope (run, workflow, node) as traces. Only switched on
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, so local runs and tests send nothing. The
/// deployed resource has local authentication disabled: telemetry is sent with the managed identity
/// (<c>AZURE_CLIENT_ID</c>), matching <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> that the Functions
/// host uses for its own telemetry (requests, function executions).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>
    /// Registers Application Insights when the connection string is configured; otherwise registers nothing.
    /// Called by <c>Program.cs</c>, not by <see cref="ServiceCollectionExtensions.AddWorkflowFunctions"/>, so
    /// the LocalHost opts in on its own.
    /// </summary>
    public static IServiceCollection AddWorkflowTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddApplicationInsightsTelemetryWorkerService(options => options.ConnectionString = connectionString);
        services.ConfigureFunctionsApplicationInsights();
        var clientId = configuration[ClientIdSetting];
        services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(Credential(clientId)));
        services.AddSingleton<ITelemetryModule, NodeSpanTelemetryModule>();
        services.AddSingleton<ITelemetryInitializer, NodeContextTelemetryInitializer>();

        // The SDK adds a rule that sends only warnings and above; the app's Information logs (run started and
        // finished, node outcomes) are the traces worth having, and the Logging configuration filters the rest.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == typeof(ApplicationInsightsLoggerProvider).FullName);
            if (warningsOnly is not null)
            {
                options.Rules.Remove(warningsOnly);
            }
        });
        return services;
    }

    /// <summary>The app's user-assigned identity when <c>AZURE_CLIENT_ID</c> names it, else the usual chain.</summary>
    internal static TokenCredential Credential(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
