using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>Registers the LLM executor, its options (section <c>Llm</c>) and its resilient HTTP client.</summary>
public static class LlmServiceCollectionExtensions
{
    public static IServiceCollection AddLlmNodeExecutor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.SectionName))
            .Validate(o => o.RequestTimeoutSeconds > 0, "Llm:RequestTimeoutSeconds must be positive.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 10, "Llm:MaxAttempts must be between 1 and 10.")
            .Validate(o => o.MaxRetryDelaySeconds >= 0, "Llm:MaxRetryDelaySeconds must not be negative.")
            .Validate(o => o.MaxResponseBytes > 0, "Llm:MaxResponseBytes must be positive.")
            .ValidateOnStart();
        var client = services.AddHttpClient(LlmChatClientFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The key travels in Authorization / api-key. The client's default request logging redacts header values in
            // its message but hands them raw to structured sinks as log state, so it is removed, not redacted.
            .RemoveAllLoggers();
        client.AddResilienceHandler("llm-transient", (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline
                .AddTransientRetry(settings.MaxAttempts, TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds), time)
                .AddTimeout(TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
        });

        // Inside the retry: a reply over the cap is not a transient failure, so it is not tried again.
        client.AddHttpMessageHandler(provider => new ReplySizeLimit(provider.GetRequiredService<IOptionsMonitor<LlmOptions>>()));
        services.AddSingleton<LlmChatClientFactory>();
        services.AddNodeExecutor<LlmNodeExecutor>();
        return services;
    }
}
