using Microsoft.Extensions.Options;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// The LLM client's innermost handler: a reply whose <c>Content-Length</c> passes <c>Llm__MaxResponseBytes</c> fails
/// at once, and any other reply's body is read through a cap that fails as soon as it is passed. The SDK reads a
/// whole reply into memory (and then into strings), so without a cap one huge reply could take a worker's memory.
/// </summary>
public sealed class ReplySizeLimit(IOptionsMonitor<LlmOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var maxBytes = options.CurrentValue.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            response.Dispose();
            throw new ReplyTooLargeException(maxBytes, declared);
        }

        response.Content = new CappedContent(response.Content, maxBytes);
        return response;
    }
}
