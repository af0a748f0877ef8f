using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Idempotency;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Storage;

/// <summary>
/// Registers the storage backend chosen by configuration and the repositories over it. Refuses at once, before the
/// app starts, when configuration names no storage account and memory was not chosen (or was chosen in Azure).
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <exception cref="InvalidOperationException">No usable storage is configured; the message names the setting.</exception>
    public static IServiceCollection AddWorkflowStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);
        StorageConnectionFactory.Check(configuration, options);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StorageConnectionFactory.Create(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<WorkflowRepository>();
        services.TryAddSingleton<RunHistory>();
        services.TryAddSingleton<BatchItems>();
        services.TryAddSingleton<RunSlots>();
        services.TryAddSingleton<BatchRepository>();
        services.TryAddSingleton<ApiKeyRepository>();
        services.TryAddSingleton<IdempotencyStore>();
        return services;
    }
}
