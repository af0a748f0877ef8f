using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowFunctions.Api.Dialects.Scout;

public static class ScoutServiceCollectionExtensions
{
    /// <summary>The Scout API's endpoint helper and what its two executes share (it has no settings of its own).</summary>
    public static IServiceCollection AddScoutDialect(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ScoutApi>();
        services.TryAddSingleton<ScoutRunner>();
        return services;
    }
}
