using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Settings;

/// <summary>
/// How long one HTTP response may wait. Azure's front end ends every response after 230 s, so on Azure (App Service,
/// Functions included, sets <c>WEBSITE_INSTANCE_ID</c> and <c>WEBSITE_SITE_NAME</c>) a request that waits for a run
/// answers within <see cref="ApiOptions.AzureResponseLimitSeconds"/>, whatever wait it asked for; elsewhere (the
/// LocalHost, Core Tools) nothing cuts a response and the wait asked for stands.
/// </summary>
public sealed class ResponseLimit(IOptions<ApiOptions> options, bool onAzure)
{
    public bool OnAzure => onAzure;

    /// <summary>The wait a request may use: <paramref name="wanted"/>, capped on Azure.</summary>
    public TimeSpan Cap(TimeSpan wanted)
    {
        if (!onAzure)
        {
            return wanted;
        }

        var limit = TimeSpan.FromSeconds(options.Value.AzureResponseLimitSeconds);
        return wanted < limit ? wanted : limit;
    }

    /// <summary>Whether configuration holds a setting the App Service platform sets on every instance.</summary>
    public static bool IsAzure(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return StorageConnectionFactory.AzurePlatformSettings.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
    }
}
