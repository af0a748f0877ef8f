using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowFunctions.Api.Dialects.Scale;

public static class ScaleServiceCollectionExtensions
{
    /// <summary>The Scale API's endpoint helper (it has no settings of its own).</summary>
    public static IServiceCollection AddScaleDialect(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ScaleApi>();
        return services;
    }
}
