namespace WorkflowFunctions.Nodes.Llm;

/// <summary>The values <c>Llm__Provider</c> accepts.</summary>
public static class LlmProviders
{
    /// <summary>OpenAI or any OpenAI-compatible server (Ollama, vLLM, LM Studio, ...): bearer key.</summary>
    public const string OpenAi = "openai";

    /// <summary>Azure OpenAI through its OpenAI-compatible <c>/openai/v1</c> endpoint: <c>api-key</c> header.</summary>
    public const string Azure = "azure";
}
