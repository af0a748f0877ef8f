using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

public static class ScriptRunServiceCollectionExtensions
{
    /// <summary>The ScriptRun API's endpoint helper and its settings (section <c>ScriptRun</c>).</summary>
    public static IServiceCollection AddScriptRunDialect(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScriptRunOptions>().Bind(configuration.GetSection(ScriptRunOptions.SectionName));
        services.TryAddSingleton<ScriptRunApi>();
        return services;
    }
}
