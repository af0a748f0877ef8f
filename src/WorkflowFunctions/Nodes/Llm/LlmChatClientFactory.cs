using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// Creates the <see cref="IChatClient"/> for one model from the <c>Llm</c> settings: the OpenAI SDK (through
/// Microsoft.Extensions.AI's adapter) on the <see cref="HttpClientName"/> client from IHttpClientFactory,
/// whose resilience handler owns retries and per-call timeouts, so the SDK's own retries are switched off
/// (two retry layers would multiply attempts).
/// </summary>
public sealed class LlmChatClientFactory(IHttpClientFactory httpClients, IOptionsMonitor<LlmOptions> options)
{
    /// <summary>The named HTTP client LLM calls use.</summary>
    public const string HttpClientName = "llm";

    // The SDK insists on a credential; LlmAuthenticationPolicy replaces it with the real key (or none).
    private static readonly ApiKeyCredential Placeholder = new("unused");

    /// <summary>A chat client for <paramref name="model"/> (Azure: the deployment name).</summary>
    public IChatClient Create(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var settings = options.CurrentValue;
        var azure = string.Equals(settings.Provider, LlmProviders.Azure, StringComparison.OrdinalIgnoreCase);
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (Endpoint(settings, azure) is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }

        clientOptions.AddPolicy(new LlmAuthenticationPolicy(settings.ApiKey, azure), PipelinePosition.BeforeTransport);
        return new ChatClient(model, Placeholder, clientOptions).AsIChatClient();
    }

    /// <summary>
    /// The base URL: as configured for OpenAI-compatible servers (none means api.openai.com); for Azure a bare
    /// resource URL (<c>https://x.openai.azure.com</c>) gets the <c>/openai/v1/</c> path of its OpenAI-compatible API.
    /// </summary>
    public static Uri? Endpoint(LlmOptions settings, bool azure)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            return null;
        }

        var endpoint = new Uri(settings.Endpoint.Trim(), UriKind.Absolute);
        return azure && endpoint.AbsolutePath is "/" or "" ? new Uri(endpoint, "/openai/v1/") : endpoint;
    }
}
