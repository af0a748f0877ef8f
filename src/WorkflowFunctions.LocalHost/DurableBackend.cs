using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;

namespace WorkflowFunctions.LocalHost;

/// <summary>The Durable Task backend the LocalHost runs on: in memory, or DTFx Azure Storage (the backend Azure uses).</summary>
public sealed class DurableBackend
{
    private DurableBackend(string mode, IOrchestrationService service, IOrchestrationServiceClient client)
    {
        Mode = mode;
        Service = service;
        Client = client;
    }

    /// <summary><c>in-memory</c> or <c>azure-storage</c>.</summary>
    public string Mode { get; }

    /// <summary>What the sidecar dispatches from: the backend behind <see cref="OrchestrationServiceProxy"/>.</summary>
    public IOrchestrationService Service { get; }

    /// <summary>The backend itself, unwrapped: the sidecar also uses it for queries and purges, and it is what gets disposed.</summary>
    public IOrchestrationServiceClient Client { get; }

    /// <summary>Fully in memory: fast, nothing survives a restart.</summary>
    public static DurableBackend InMemory(ILoggerFactory loggers)
    {
        var service = new InMemoryOrchestrationService(loggers);
        return new DurableBackend("in-memory", OrchestrationServiceProxy.Wrap(service, 256), service);
    }

    /// <summary>
    /// DTFx Azure Storage (Azurite or a real account) with settings for one local process: a fixed worker ID
    /// and no app lease so a restarted process resumes its partition at once, one partition, and short queue
    /// visibility timeouts so work of a killed process is retried within seconds instead of minutes.
    /// </summary>
    public static async Task<DurableBackend> AzureStorageAsync(string connectionString, string taskHub, ILoggerFactory loggers)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            WorkerId = "localhost",
            UseAppLease = false,
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            MaxConcurrentTaskActivityWorkItems = 64,
            MaxConcurrentTaskOrchestrationWorkItems = 64,
            LoggerFactory = loggers,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        return new DurableBackend("azure-storage", OrchestrationServiceProxy.Wrap(service, 64), service);
    }
}
