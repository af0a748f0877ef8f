using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;

namespace WorkflowFunctions.LocalHost;

/// <summary>The Durable Task backend the LocalHost runs on: in memory, or DTFx Azure Storage (the backend Azure uses).</summary>
public sealed class DurableBackend : IAsyncDisposable
{
    /// <summary>The worker ID of a LocalHost that sets none (<c>LocalHost__WorkerId</c>): one process per task hub.</summary>
    public const string DefaultWorkerId = "localhost";

    private readonly DeferredTimers? _timers;

    private DurableBackend(
        string mode,
        IOrchestrationService service,
        IOrchestrationServiceClient client,
        CustomStatusLimit statusLimit,
        DeferredTimers? timers = null,
        HistorySizes? histories = null)
    {
        Mode = mode;
        StatusLimit = statusLimit;
        Service = service;
        Client = client;
        _timers = timers;
        Histories = histories;
    }

    /// <summary><c>in-memory</c> or <c>azure-storage</c>.</summary>
    public string Mode { get; }

    /// <summary>What the sidecar dispatches from: the backend behind <see cref="OrchestrationServiceProxy"/>.</summary>
    public IOrchestrationService Service { get; }

    /// <summary>The backend itself, unwrapped: the sidecar also uses it for queries and purges, and it is what gets disposed.</summary>
    public IOrchestrationServiceClient Client { get; }

    /// <summary>Each orchestration's largest history, when the host was asked to record them (<c>LocalHost:RecordHistorySizes</c>); else null.</summary>
    public HistorySizes? Histories { get; }

    /// <summary>Custom statuses over the Functions host's limit that this backend stored (see <see cref="CustomStatusLimit"/>).</summary>
    public CustomStatusLimit StatusLimit { get; }

    /// <summary>The long timers kept out of the control queue (Azurite only, see <see cref="DeferredTimers"/>); null otherwise.</summary>
    internal DeferredTimers? Timers => _timers;

    /// <summary>Fully in memory: fast, nothing survives a restart.</summary>
    public static DurableBackend InMemory(ILoggerFactory loggers, HistorySizes? histories = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var service = new InMemoryOrchestrationService(loggers);
        var statusLimit = new CustomStatusLimit(loggers.CreateLogger<CustomStatusLimit>());
        var proxy = OrchestrationServiceProxy.Wrap(service, 256, null, histories, statusLimit, oneCommitAtATime: true);
        return new DurableBackend("in-memory", proxy, service, statusLimit, histories: histories);
    }

    /// <summary>
    /// DTFx Azure Storage (Azurite or a real account) with settings for one local process: a fixed worker ID
    /// (another one for each further LocalHost on the same task hub) and no app lease so a restarted process resumes
    /// its partition at once, one partition, and short queue
    /// visibility timeouts so work of a killed process is retried within seconds instead of minutes. On Azurite,
    /// long timers wait in a table instead of the control queue (<see cref="DeferredTimers"/> says why).
    /// </summary>
    public static async Task<DurableBackend> AzureStorageAsync(
        string connectionString, string taskHub, ILoggerFactory loggers, HistorySizes? histories = null, string workerId = DefaultWorkerId)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            WorkerId = workerId,
            UseAppLease = false,
            PartitionCount = 1,
            // Messages this process sends wake its own queue pollers at once (DTFx resets a queue's back-off when it
            // adds a message), so this bounds only how late a timer coming due is seen and how often an idle host
            // polls. Every poll makes Azurite rescan its whole message store: at 100 ms an idle LocalHost cost Azurite
            // about 6% of a core, at 1 s 2%, with no measurable change in batch throughput (docs/orchestration.md).
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            MaxConcurrentTaskActivityWorkItems = 64,
            MaxConcurrentTaskOrchestrationWorkItems = 64,
            LoggerFactory = loggers,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        var timers = StorageConnection.IsEmulator(connectionString)
            ? await DeferredTimers.StartAsync(new TableServiceClient(connectionString), taskHub, service, loggers.CreateLogger<DeferredTimers>())
            : null;
        var statusLimit = new CustomStatusLimit(loggers.CreateLogger<CustomStatusLimit>());
        var proxy = OrchestrationServiceProxy.Wrap(service, 64, timers, histories, statusLimit);
        return new DurableBackend("azure-storage", proxy, service, statusLimit, timers, histories);
    }

    /// <summary>Stops handing over deferred timers, then releases the backend.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_timers is not null)
        {
            await _timers.DisposeAsync();
        }

        // Let the sidecar's graceful stop finish before the backend is disposed under it (bounded: a stuck stop must not
        // hold up the process's exit).
        if ((Service as OrchestrationServiceProxy)?.Stopped is { } stopping)
        {
            await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        (Client as IDisposable)?.Dispose();
    }
}
