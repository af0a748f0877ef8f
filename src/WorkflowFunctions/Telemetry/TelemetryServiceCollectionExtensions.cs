using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowFunctions.Telemetry;

/// <summary>
/// Application Insights for the isolated worker: requests and dependencies (HttpClient calls of the LLM and
/// HTTP nodes), traces from the <see cref="WorkflowTelemetry.Source"/> spans and every log with its scope
/// (run, workflow, node). Only switched on when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, so local
/// runs and tests send nothing. The deployed resource has local authentication disabled: telemetry is sent
/// with the managed identity (<c>AZURE_CLIENT_ID</c>), matching <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// that the Functions host uses.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

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
        var clientId = configuration["AZURE_CLIENT_ID"];
        services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(
            string.IsNullOrWhiteSpace(clientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        return services;
    }
}
