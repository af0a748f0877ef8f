using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Execution;
using WorkflowFunctions.Execution.Http;
using WorkflowFunctions.Execution.Llm;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Tables;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage;

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
        services.Configure<WorkerOptions>(DurablePayloadJson.Configure);
        services.AddWorkflowOrchestration(configuration);
        services.AddLlmNodeExecutor(configuration);
        services.AddHttpNodeExecutor(configuration);
        services.AddNodeExecutor<Execution.Tables.ImportCsvNodeExecutor>();
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
        services.AddOptions<Http.AuthOptions>().Bind(configuration.GetSection(Http.AuthOptions.SectionName));
        services.AddOptions<Http.ApiOptions>()
            .Bind(configuration.GetSection(Http.ApiOptions.SectionName))
            .Validate(o => o.RateLimitPerMinute > 0, "Api:RateLimitPerMinute must be positive.")
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxBatchItems > 0 && o.MaxPageSize > 0, "Api limits must be positive.")
            .Validate(o => o.DefaultResultTimeoutMs >= 0 && o.MaxResultTimeoutMs >= o.DefaultResultTimeoutMs, "Api:MaxResultTimeoutMs must be at least Api:DefaultResultTimeoutMs.");
        services.TryAddSingleton<Http.ApiAuthenticator>();
        services.TryAddSingleton<Http.IdempotentRequest>();
        services.TryAddSingleton<Http.RunLookup>();
        services.TryAddSingleton<Runs.PreparedWorkflowCache>();
        services.TryAddSingleton<Runs.RunStarter>();
        services.TryAddSingleton<Runs.RunWaiter>();
        services.TryAddSingleton<Runs.RunCompletionSignals>();
        services.TryAddSingleton<Batches.BatchCounts>();
        services.TryAddSingleton<InMemoryWorkflowDefinitionSource>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowDefinitionSource, StoredWorkflowDefinitionSource>());
        return services;
    }

    /// <summary>
    /// The orchestrator's options (section <c>Orchestration</c>) and table limits (section <c>Tables</c>), the executor
    /// registry, placeholders for the LLM, HTTP and CSV-download node types until their executors are added, and the
    /// in-memory definition source.
    /// </summary>
    public static IServiceCollection AddWorkflowOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OrchestrationOptions>()
            .Bind(configuration.GetSection(OrchestrationOptions.SectionName))
            .Validate(o => o.CustomStatusBudgetBytes is > 0 and <= 15 * 1024, "Orchestration:CustomStatusBudgetBytes must be between 1 and 15360.")
            .Validate(o => o.DefaultMaxAttempts >= 1, "Orchestration:DefaultMaxAttempts must be at least 1.")
            .Validate(o => o.DefaultRunTimeoutSeconds > 0 && o.MaxRunTimeoutSeconds >= o.DefaultRunTimeoutSeconds, "Orchestration run timeouts must be positive, the maximum at least the default.");
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
