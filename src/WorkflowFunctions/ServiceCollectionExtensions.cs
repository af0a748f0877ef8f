using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.Scale;
using WorkflowFunctions.Api.Dialects.Scout;
using WorkflowFunctions.Api.Dialects.ScriptRun;
using WorkflowFunctions.Api.Dialects.ScriptSo;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Nodes.Http;
using WorkflowFunctions.Nodes.Llm;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions;

/// <summary>
/// The app's services, registered once here so the Functions host (<c>Program.cs</c>) and the LocalHost
/// compose exactly the same application.
/// </summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<WorkerOptions>(RunRequestObjectSerializer.Configure);
        services.AddWorkflowOrchestration(configuration);
        services.AddLlmNodeExecutor(configuration);
        services.AddHttpNodeExecutor(configuration);
        services.AddNodeExecutor<Nodes.Tables.ImportCsvNodeExecutor>();
        services.AddWorkflowApi(configuration);
        return services;
    }

    /// <summary>
    /// The HTTP API: storage (chosen by <c>AzureWebJobsStorage</c>; in memory without it), authentication and
    /// rate limits, run start/wait/lookup services, and saved workflows as the <c>workflow-node</c> source.
    /// </summary>
    public static IServiceCollection AddWorkflowApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddWorkflowStorage(configuration);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .Validate(o => o.RateLimitPerMinute > 0, "Api:RateLimitPerMinute must be positive.")
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxBatchItems > 0 && o.MaxPageSize > 0, "Api limits must be positive.")
            .Validate(
                o => o.DefaultResultTimeoutMs >= 0 && o.MaxResultTimeoutMs >= o.DefaultResultTimeoutMs,
                "Api:MaxResultTimeoutMs must be at least Api:DefaultResultTimeoutMs.")
            .Validate(o => o.MaxResponseSeconds >= -1, "Api:MaxResponseSeconds must be a number of seconds, 0 (detect the platform) or -1 (no limit).");

        services.AddOptions<ResultOptions>()
            .Bind(configuration.GetSection(ResultOptions.SectionName))
            .Validate(
                o => string.IsNullOrEmpty(o.SigningSecret) || o.SigningSecret.Length >= ResultOptions.MinSecretLength,
                $"Results:SigningSecret must be at least {ResultOptions.MinSecretLength} characters.")
            .Validate(o => o.LinkLifetimeMinutes > 0, "Results:LinkLifetimeMinutes must be positive.");

        // Access: who calls, with which scopes, how often.
        services.TryAddSingleton<RequestRateLimiter>();
        services.TryAddSingleton<KeyAuthenticator>();
        services.TryAddSingleton<ApiKeyCommands>();

        // The application layer every API shares: commands and readers.
        services.TryAddSingleton<WorkflowReader>();
        services.TryAddSingleton<WorkflowCommands>();
        services.TryAddSingleton<RunCompletionSignals>();
        services.TryAddSingleton<RunWaiter>();
        services.TryAddSingleton<RunReader>();
        services.TryAddSingleton<RunCommands>();
        services.TryAddSingleton<RunWatchers>();

        // Outside Azure a missing signing secret means a key of this process; in Azure, where instances must check
        // each other's links, it means no links at all.
        var inAzure = StorageConnectionFactory.AzurePlatformSettings.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
        services.TryAddSingleton(sp => new ResultLinkSigner(
            sp.GetRequiredService<IOptions<ResultOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            randomKeyWhenUnset: !inAzure,
            sp.GetRequiredService<ILogger<ResultLinkSigner>>()));
        services.TryAddSingleton<ResultFiles>();
        services.TryAddSingleton<BatchCounts>();
        services.TryAddSingleton<BatchReader>();
        services.TryAddSingleton<BatchCommands>();
        services.TryAddSingleton<BatchWatchers>();

        // The HTTP layer: one endpoint helper, and each API's binding of it.
        services.TryAddSingleton<ApiAuthenticator>();
        services.TryAddSingleton<IdempotentRequest>();
        services.TryAddSingleton<ResponseLimits>();
        services.TryAddSingleton<ApiEndpoint>();
        services.TryAddSingleton<NativeApi>();
        services.AddScriptRunDialect(configuration);
        services.AddScriptSoDialect();
        services.AddScaleDialect();
        services.AddScoutDialect();
        services.TryAddSingleton<InMemoryWorkflowDefinitionSource>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowDefinitionSource, StoredWorkflowDefinitionSource>());
        return services;
    }

    /// <summary>
    /// The orchestrator's options (section <c>Orchestration</c>), concurrency caps (section <c>Concurrency</c>) and table
    /// limits (section <c>Tables</c>), the executor
    /// registry, placeholders for the LLM, HTTP and CSV-download node types until their executors are added, and the
    /// in-memory definition source.
    /// </summary>
    public static IServiceCollection AddWorkflowOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OrchestrationOptions>()
            .Bind(configuration.GetSection(OrchestrationOptions.SectionName))
            .Validate(
                o => o.CustomStatusBudgetBytes is >= 1024 and <= ProgressReport.MaxBudgetBytes,
                "Orchestration:CustomStatusBudgetBytes must be between 1024 and 8192 (the Functions host fails a custom status over 16 KB of UTF-16).")
            .Validate(o => o.DefaultMaxAttempts >= 1, "Orchestration:DefaultMaxAttempts must be at least 1.")
            .Validate(
                o => o.MaxRenderedTemplateBytes > 0 && o.MaxRunResultBytes > 0,
                "Orchestration:MaxRenderedTemplateBytes and MaxRunResultBytes must be positive.")
            .Validate(o => o.MaxSubRunResultBytes > 0, "Orchestration:MaxSubRunResultBytes must be positive.")
            .Validate(o => o.CheckpointEveryNodes >= 0, "Orchestration:CheckpointEveryNodes must not be negative (0 turns checkpoints off).")
            .Validate(
                o => o.MaxSubRunsPerRun >= 0 && o.MaxNodeExecutionsPerRun >= 1,
                "Orchestration:MaxSubRunsPerRun must not be negative and MaxNodeExecutionsPerRun must be positive.")
            .Validate(
                o => o.DefaultRunTimeoutSeconds > 0 && o.MaxRunTimeoutSeconds >= o.DefaultRunTimeoutSeconds,
                "Orchestration run timeouts must be positive, the maximum at least the default.");
        services.AddOptions<ConcurrencyOptions>()
            .Bind(configuration.GetSection(ConcurrencyOptions.SectionName))
            .Validate(o => o.DefaultMaxConcurrentRuns is >= 0 and <= ConcurrencyOptions.MaxCap, "Concurrency:DefaultMaxConcurrentRuns must be from 0 to 1000.")
            .Validate(
                o => o.AccountMaxConcurrentRuns.Values.All(c => c is >= 0 and <= ConcurrencyOptions.MaxCap),
                "Concurrency:AccountMaxConcurrentRuns values must be from 0 to 1000.")
            .Validate(o => o.RecheckSeconds > 0, "Concurrency:RecheckSeconds must be positive.");
        services.TryAddSingleton(DefinitionCache.Shared);
        services.TryAddSingleton<RunChangeSignals>();
        services.TryAddSingleton<INodeAttemptObserver>(sp => sp.GetRequiredService<RunChangeSignals>());
        services.AddOptions<TableOptions>()
            .Bind(configuration.GetSection(TableOptions.SectionName))
            .Validate(o => o.MaxRows > 0 && o.MaxCells > 0 && o.MaxBytes > 0 && o.ResultMaxRows >= 0, "Tables limits must be positive.")
            .Validate(o => o.ChunkRows > 0 && o.ParallelChunks > 0, "Tables:ChunkRows and Tables:ParallelChunks must be positive.")
            .Validate(
                o => o.DefaultConcurrency > 0 && o.MaxConcurrency >= o.DefaultConcurrency,
                "Tables:DefaultConcurrency must be positive and at most Tables:MaxConcurrency.");
        services.TryAddSingleton<NodeExecutorRegistry>();
        services.TryAddSingleton<InMemoryWorkflowDefinitionSource>();
        services.TryAddSingleton<IWorkflowDefinitionSource>(sp => sp.GetRequiredService<InMemoryWorkflowDefinitionSource>());
        if (!services.Any(d => d.ServiceType == typeof(INodeExecutor) && d.ImplementationInstance is UnconfiguredNodeExecutor))
        {
            services.AddSingleton<INodeExecutor>(new UnconfiguredNodeExecutor(NodeTypes.Llm));
            services.AddSingleton<INodeExecutor>(new UnconfiguredNodeExecutor(NodeTypes.Http));
            services.AddSingleton<INodeExecutor>(new UnconfiguredNodeExecutor(NodeTypes.ImportCsv));
        }

        return services;
    }
}
