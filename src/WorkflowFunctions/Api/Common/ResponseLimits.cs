using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// How long one response may take. Azure's HTTP front end ends any response after 230 s, so on Azure (detected by the
/// <c>WEBSITE_INSTANCE_ID</c> or <c>WEBSITE_SITE_NAME</c> setting App Service and Functions set) long-polls and waits are
/// cut to <see cref="ApiOptions.MaxResponseSeconds"/> (220 s unless set) and answer "not finished yet", and event
/// streams end in time asking the client to reconnect, instead of the client getting a gateway error.
/// </summary>
public sealed class ResponseLimits(IOptions<ApiOptions> options, IConfiguration configuration)
{
    /// <summary>The limit used on Azure when <see cref="ApiOptions.MaxResponseSeconds"/> is 0: ten seconds inside the front end's 230.</summary>
    public const int AzureSeconds = 220;

    /// <summary>Whether the app runs on Azure App Service or Azure Functions.</summary>
    public bool OnAzure { get; } =
        !string.IsNullOrEmpty(configuration?["WEBSITE_INSTANCE_ID"]) || !string.IsNullOrEmpty(configuration?["WEBSITE_SITE_NAME"]);

    /// <summary>The longest a response may take; null when there is no limit.</summary>
    public TimeSpan? MaxResponse => options.Value.MaxResponseSeconds switch
    {
        > 0 and var seconds => TimeSpan.FromSeconds(seconds),
        0 when OnAzure => TimeSpan.FromSeconds(AzureSeconds),
        _ => null,
    };

    /// <summary>How long an event stream stays open: <see cref="ApiOptions.StreamMaxSeconds"/>, within <see cref="MaxResponse"/>.</summary>
    public TimeSpan StreamDuration => Cap(TimeSpan.FromSeconds(Math.Max(1, options.Value.StreamMaxSeconds)));

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Max(1, options.Value.StreamHeartbeatSeconds));

    /// <summary><paramref name="requested"/>, or <see cref="MaxResponse"/> when that is shorter.</summary>
    public TimeSpan Cap(TimeSpan requested) => MaxResponse is { } max && requested > max ? max : requested;
}
