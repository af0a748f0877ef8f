using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Execution;
using WorkflowFunctions.Execution.Http;
using WorkflowFunctions.Execution.Llm;
using WorkflowFunctions.Orchestration;

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
        services.AddWorkflowOrchestration(configuration);
        services.AddLlmNodeExecutor(configuration);
        services.AddHttpNodeExecutor(configuration);
        services.AddOptions<Http.AuthOptions>().Bind(configuration.GetSection(Http.AuthOptions.SectionName));
        services.TryAddSingleton<Http.ApiKeyGuard>();
        return services;
    }

    /// <summary>
    /// The orchestrator's options (section <c>Orchestration</c>), the executor registry, placeholders for the
    /// LLM and HTTP node types until their executors are added, and the in-memory definition source.
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
        services.TryAddSingleton<NodeExecutorRegistry>();
        services.TryAddSingleton<InMemoryWorkflowDefinitionSource>();
        services.TryAddSingleton<IWorkflowDefinitionSource>(sp => sp.GetRequiredService<InMemoryWorkflowDefinitionSource>());
        if (!services.Any(d => d.ServiceType == typeof(INodeExecutor) && d.ImplementationInstance is UnconfiguredNodeExecutor))
        {
            services.AddSingleton<INodeExecutor>(new UnconfiguredNodeExecutor(NodeTypes.Llm));
            services.AddSingleton<INodeExecutor>(new UnconfiguredNodeExecutor(NodeTypes.Http));
        }

        return services;
    }
}
