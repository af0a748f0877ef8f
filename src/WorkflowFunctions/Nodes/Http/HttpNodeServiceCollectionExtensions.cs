using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>Registers the HTTP node executor, its options (section <c>HttpNode</c>) and its guarded, resilient client.</summary>
public static class HttpNodeServiceCollectionExtensions
{
    public static IServiceCollection AddHttpNodeExecutor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HttpNodeOptions>()
            .Bind(configuration.GetSection(HttpNodeOptions.SectionName))
            .Validate(o => o.DefaultTimeoutSeconds > 0, "HttpNode:DefaultTimeoutSeconds must be positive.")
            .Validate(o => o.MaxResponseBytes >= 0, "HttpNode:MaxResponseBytes must not be negative.")
            .Validate(o => o.MaxRedirects is >= 0 and <= 20, "HttpNode:MaxRedirects must be between 0 and 20.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 10, "HttpNode:MaxAttempts must be between 1 and 10.")
            .Validate(o => o.MaxRetryDelaySeconds >= 0, "HttpNode:MaxRetryDelaySeconds must not be negative.")
            .Validate(
                o => o.AllowedNetworks.TrueForAll(n => IPNetwork.TryParse(n.Trim(), out _)),
                "HttpNode:AllowedNetworks entries must be CIDR networks such as 10.20.0.0/16.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HostAddresses(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GuardedConnector>();
        services.AddHttpClient(HttpNodeExecutor.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Nodes send their users' credentials in headers. The client's default request logging redacts header values
            // in its message but hands them raw to structured sinks as log state, so it is removed, not redacted.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var settings = provider.GetRequiredService<IOptions<HttpNodeOptions>>().Value;
                return new SocketsHttpHandler
                {
                    ConnectCallback = provider.GetRequiredService<GuardedConnector>().ConnectAsync,
                    // A proxy would be the only address the connect callback sees, defeating the address policy.
                    UseProxy = false,
                    // One handler serves every run and account: cookies must not travel between them.
                    UseCookies = false,
                    AllowAutoRedirect = settings.MaxRedirects > 0,
                    MaxAutomaticRedirections = Math.Max(1, settings.MaxRedirects),
                    AutomaticDecompression = DecompressionMethods.All,
                };
            })
            .AddResilienceHandler("http-node-transient", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<HttpNodeOptions>>().Value;
                var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                pipeline.AddTransientRetry(
                    settings.MaxAttempts,
                    TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds),
                    time,
                    isPermanent: ex => PrivateAddressRefusedException.Find(ex) is not null || UnresolvableHost.Is(ex),
                    idempotentOnly: true);
            });
        services.AddNodeExecutor<HttpNodeExecutor>();
        return services;
    }
}
