using System.Reflection;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Telemetry;

namespace WorkflowFunctions.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddWorkflowTelemetry_WithoutConnectionString_RegistersNothing()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        services.AddWorkflowTelemetry(Configuration(connectionString: null));

        // Assert
        Assert.Empty(services);
    }

    [Fact]
    public void AddWorkflowTelemetry_WithConnectionString_RegistersApplicationInsights()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        services.AddWorkflowTelemetry(Configuration(ConnectionString));

        // Assert
        Assert.Contains(services, d => d.ServiceType == typeof(TelemetryConfiguration));
    }

    [Fact]
    public void AddWorkflowTelemetry_WithConnectionString_SendsWithATokenCredential()
    {
        // Arrange
        var services = new ServiceCollection();
        services.AddWorkflowTelemetry(Configuration(ConnectionString));
        using var telemetry = new TelemetryConfiguration();

        // Act: only the configure actions, not the whole SDK (its modules would start listening process-wide).
        foreach (var configure in services.Select(d => d.ImplementationInstance).OfType<IConfigureOptions<TelemetryConfiguration>>())
        {
            configure.Configure(telemetry);
        }

        // Assert: the SDK keeps the credential internally; local authentication is off on the deployed resource.
        var envelope = typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(telemetry);
        Assert.NotNull(envelope);
    }

    [Fact]
    public void Credential_WithClientId_IsTheUserAssignedManagedIdentity()
    {
        // Act
        var credential = TelemetryServiceCollectionExtensions.Credential("11111111-1111-1111-1111-111111111111");

        // Assert
        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Fact]
    public void Credential_WithoutClientId_IsDefaultAzureCredential()
    {
        // Act
        var credential = TelemetryServiceCollectionExtensions.Credential(null);

        // Assert
        Assert.IsType<DefaultAzureCredential>(credential);
    }

    [Fact]
    public void AddWorkflowTelemetry_WithConnectionString_RegistersNodeSpanModuleAndInitializer()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        services.AddWorkflowTelemetry(Configuration(ConnectionString));

        // Assert
        Assert.Contains(services, d => d.ServiceType == typeof(ITelemetryModule) && d.ImplementationType == typeof(NodeSpanTelemetryModule));
        Assert.Contains(services, d => d.ServiceType == typeof(ITelemetryInitializer) && d.ImplementationType == typeof(NodeContextTelemetryInitializer));
    }

    [Fact]
    public void AddWorkflowTelemetry_WithConnectionString_SendsInformationLogsNotOnlyWarnings()
    {
        // Arrange
        var services = new ServiceCollection();
        services.AddWorkflowTelemetry(Configuration(ConnectionString));
        using var provider = services.BuildServiceProvider();

        // Act
        var filters = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value;

        // Assert
        Assert.DoesNotContain(
            filters.Rules,
            rule => rule.ProviderName == typeof(ApplicationInsightsLoggerProvider).FullName && rule.LogLevel == LogLevel.Warning);
    }

    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    private static IConfiguration Configuration(string? connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = connectionString,
            [TelemetryServiceCollectionExtensions.ClientIdSetting] = "11111111-1111-1111-1111-111111111111",
        }).Build();
}
