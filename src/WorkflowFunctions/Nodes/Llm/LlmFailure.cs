using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Polly.Timeout;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// Turns what a failed LLM call threw into a node failure: transient problems (unreachable, timeout, 408, 429,
/// 5xx) are retryable; other statuses (400, 401, 403, 404, ...) fail the node at once with the provider's own
/// message; a reply over the size cap, or one the SDK cannot read, is a clear, non-retryable error. The API key
/// is scrubbed from every message, whatever the provider echoed.
/// </summary>
internal static class LlmFailure
{
    private const int MaxProviderMessageLength = 1000;

    public static NodeExecutionResult From(Exception exception, LlmOptions settings)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(settings);
        var (message, retryable) = Describe(exception, settings);
        return NodeExecutionResult.Failure(Scrub(message, settings.ApiKey), retryable);
    }

    /// <summary>Removes the API key from text that may have come from the provider or an exception.</summary>
    public static string Scrub(string text, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);
    }

    private static (string Message, bool Retryable) Describe(Exception exception, LlmOptions settings)
    {
        if (Find<ReplyTooLargeException>(exception) is { } tooLarge)
        {
            return (tooLarge.Message, false);
        }

        if (Find<TimeoutRejectedException>(exception) is not null || exception is OperationCanceledException)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"The LLM call timed out after {settings.RequestTimeoutSeconds:0.###}s."), true);
        }

        if (exception is ClientResultException { Status: > 0 } http)
        {
            var status = http.Status;
            var response = http.GetRawResponse();
            var detail = ProviderMessage(response?.Content?.ToString()) ?? FirstLine(http.Message);
            var reason = string.IsNullOrEmpty(response?.ReasonPhrase) ? string.Empty : " " + response.ReasonPhrase;
            var retryable = status is 408 or 429 or >= 500;
            return (string.Create(CultureInfo.InvariantCulture, $"The LLM provider returned {status}{reason}: {detail}"), retryable);
        }

        if (exception is ClientResultException or HttpRequestException)
        {
            var cause = Find<HttpRequestException>(exception) ?? exception;
            return ($"The LLM provider could not be reached: {FirstLine(cause.Message)}", true);
        }

        return ($"The LLM provider's reply could not be read ({exception.GetType().Name}): {FirstLine(exception.Message)}", false);
    }

    /// <summary>The <c>error.message</c> of an OpenAI-style error body (or <c>error</c> / <c>message</c> as text); else the body, shortened.</summary>
    private static string? ProviderMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(nested.GetString()!);
                    }

                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(error.GetString()!);
                    }
                }

                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return Shorten(message.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): the text itself is the best message there is.
        }

        return Shorten(body.Trim());
    }

    private static string Shorten(string text) =>
        text.Length <= MaxProviderMessageLength ? text : string.Concat(text.AsSpan(0, MaxProviderMessageLength), "...");

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return Shorten(end < 0 ? text : text[..end]);
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
