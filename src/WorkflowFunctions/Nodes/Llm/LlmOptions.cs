namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// The LLM provider behind <c>basic-node</c>s, bound from the <c>Llm</c> section (environment variables
/// <c>Llm__Provider</c>, <c>Llm__Endpoint</c>, <c>Llm__ApiKey</c>, <c>Llm__Model</c>, ...). One provider serves
/// the whole deployment; nodes choose only the model.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary><c>openai</c> (any OpenAI-compatible endpoint) or <c>azure</c> (Azure OpenAI's v1 endpoint).</summary>
    public string Provider { get; set; } = LlmProviders.OpenAi;

    /// <summary>The OpenAI-compatible base URL (e.g. <c>http://127.0.0.1:8080/v1</c>); empty means api.openai.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The provider's key; never written to results, errors or logs.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model (Azure: the deployment) used when a node names none in <c>settings.model_name</c>.</summary>
    public string? Model { get; set; }

    /// <summary>Per-model prices in USD per million tokens, overriding or extending <see cref="ModelPriceTable.Defaults"/>.</summary>
    public Dictionary<string, ModelPrice> Prices { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one call to the provider may take before it counts as a (retryable) timeout.</summary>
    public double RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Calls per node attempt, first included, for transient failures (429, 5xx, timeouts).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between two in-process attempts; a longer <c>Retry-After</c> is left to the durable retry.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 30;

    /// <summary>
    /// The longest reply read from the provider (4 MiB); a longer one fails the node without a retry. Replies are
    /// read whole before they are parsed, so this bounds the memory one call can take.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether anything says where to send requests; without it LLM nodes fail at once.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(Endpoint);
}
