using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowFunctions.Nodes;

/// <summary>Registers node executors; the <see cref="NodeExecutorRegistry"/> collects every <see cref="INodeExecutor"/>.</summary>
public static class NodeExecutorServiceCollectionExtensions
{
    /// <summary>Adds an executor (a singleton). A real executor replaces the placeholder for its node type.</summary>
    public static IServiceCollection AddNodeExecutor<TExecutor>(this IServiceCollection services)
        where TExecutor : class, INodeExecutor
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeExecutor, TExecutor>());
        return services;
    }

    /// <summary>Adds an executor instance (e.g. a test double).</summary>
    public static IServiceCollection AddNodeExecutor(this IServiceCollection services, INodeExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(executor);
        return services;
    }
}
