using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
