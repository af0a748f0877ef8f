using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

public static class ScriptSoServiceCollectionExtensions
{
    /// <summary>The Script.so API's endpoint helper.</summary>
    public static IServiceCollection AddScriptSoDialect(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ScriptSoApi>();
        return services;
    }
}
