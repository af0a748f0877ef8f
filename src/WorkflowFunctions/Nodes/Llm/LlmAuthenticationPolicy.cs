using System.ClientModel.Primitives;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// Puts the key where the provider expects it, just before a request leaves: <c>Authorization: Bearer</c> for
/// OpenAI-compatible servers, <c>api-key</c> for Azure OpenAI, and no credential at all for a keyless local
/// server (Ollama, vLLM), which the OpenAI SDK on its own cannot express.
/// </summary>
internal sealed class LlmAuthenticationPolicy(string? apiKey, bool azure) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        Apply(message.Request);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        Apply(message.Request);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineRequest request)
    {
        request.Headers.Remove("Authorization");
        if (string.IsNullOrEmpty(apiKey))
        {
            return;
        }

        if (azure)
        {
            request.Headers.Set("api-key", apiKey);
        }
        else
        {
            request.Headers.Set("Authorization", "Bearer " + apiKey);
        }
    }
}
