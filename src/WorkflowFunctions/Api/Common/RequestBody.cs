using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// Reads a request body within the size limit (413), in an accepted content type (415), as strict JSON (400
/// for syntax errors, repeated property names, which JSON parsers disagree on, and escaped unpaired surrogates,
/// which are not text). A body without a content type is read as JSON.
/// </summary>
public static class RequestBody
{
    /// <summary>
    /// Deepest nesting of a body. Inputs and definitions travel inside the engine's own messages, run results and
    /// API responses, whose serializers stop at 64 levels; 32 leaves room for that wrapping, so a body the API
    /// accepts never fails later (deeper bodies were a 500, or a run that could not be scheduled).
    /// </summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>The body's JSON (null when empty), or why it cannot be read.</summary>
    public static async Task<Outcome<JsonElement?>> ReadJsonAsync(HttpRequest request, int maxBytes)
    {
        var (kind, text, error) = await ReadAsync(request, maxBytes, allowText: false).ConfigureAwait(false);
        return error ?? (kind == BodyKind.Empty ? new Outcome<JsonElement?>((JsonElement?)null) : Parse(text!));
    }

    /// <summary>
    /// A body that is JSON or, where <paramref name="allowText"/>, <c>text/plain</c> returned as text; both null when empty.
    /// </summary>
    public static async Task<Outcome<RequestContent>> ReadContentAsync(HttpRequest request, int maxBytes, bool allowText = true)
    {
        var (kind, text, error) = await ReadAsync(request, maxBytes, allowText).ConfigureAwait(false);
        return error ?? kind switch
        {
            BodyKind.Text => new RequestContent(null, text),
            BodyKind.Empty => new RequestContent(null, null),
            _ => Parse(text!).Map(json => new RequestContent(json, null)),
        };
    }

    /// <summary>
    /// The body as text whatever its content type, for APIs that decide themselves what a body is (reference 003 runs
    /// JSON when it parses, else text); null when empty. Fails only over the size limit, in a declared charset other
    /// than UTF-8, or when the bytes are not UTF-8.
    /// </summary>
    public static async Task<Outcome<string?>> ReadTextAsync(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return Failure.TooLarge(maxBytes);
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.Charset.HasValue
            && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Failure.UnsupportedMediaType(request.ContentType, "a body in UTF-8");
        }

        var (text, error) = await ReadUtf8Async(request, maxBytes).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        return text.Length == 0 ? new Outcome<string?>((string?)null) : text;
    }

    /// <summary>Parses strict JSON: a failure naming the position on syntax errors, repeated property names or unpaired surrogates.</summary>
    public static Outcome<JsonElement?> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, Strict);
            if (UnpairedSurrogates.Find(text, document.RootElement) is { } path)
            {
                return Failure.BadRequest(
                    $"The body is not valid JSON text: the string at {path} escapes an unpaired UTF-16 surrogate (such as \\ud800 without its low half).");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Failure.BadRequest($"The body is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // Checking property names for repeats unescapes them, which fails on an unpaired surrogate.
            return Failure.BadRequest($"The body is not valid JSON text: a property name escapes an unpaired UTF-16 surrogate ({ex.Message})");
        }
    }

    private enum BodyKind
    {
        Empty,
        Json,
        Text,
    }

    private static async Task<(BodyKind Kind, string? Text, Failure? Error)> ReadAsync(HttpRequest request, int maxBytes, bool allowText)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (BodyKind.Empty, null, Failure.TooLarge(maxBytes));
        }

        var kind = BodyKind.Json;
        if (!string.IsNullOrEmpty(request.ContentType))
        {
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            {
                return (BodyKind.Empty, null, Failure.UnsupportedMediaType(request.ContentType, Accepted(allowText)));
            }

            var type = media.MediaType.Value ?? string.Empty;
            if (allowText && type.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                kind = BodyKind.Text;
            }
            else if (!type.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            {
                return (BodyKind.Empty, null, Failure.UnsupportedMediaType(request.ContentType, Accepted(allowText)));
            }

            // Bodies are read as UTF-8 (RFC 8259): a body declared in another charset would be misread, not converted.
            if (media.Charset.HasValue
                && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                return (BodyKind.Empty, null, Failure.UnsupportedMediaType(request.ContentType, Accepted(allowText) + " in UTF-8"));
            }
        }

        var (text, error) = await ReadUtf8Async(request, maxBytes).ConfigureAwait(false);
        if (error is not null)
        {
            return (BodyKind.Empty, null, error);
        }

        return text.Length == 0 || (kind == BodyKind.Json && string.IsNullOrWhiteSpace(text)) ? (BodyKind.Empty, null, null) : (kind, text, null);
    }

    // The body's bytes within the limit, decoded as UTF-8 without a leading byte order mark. The read buffer is
    // rented and the body's starts at its declared length, up to 64 KB (a declared length is not data: a client must
    // not make the service hold megabytes it never sends): a new 80 KB buffer per request was the largest allocation
    // of a run started over HTTP (issue 17, goal 2).
    private static async Task<(string Text, Failure? Error)> ReadUtf8Async(HttpRequest request, int maxBytes)
    {
        const int MaxInitialCapacity = 64 * 1024;
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)Math.Min(length, Math.Min(maxBytes, MaxInitialCapacity)) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (string.Empty, Failure.TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (string.Empty, Failure.BadRequest("The body is not valid UTF-8."));
        }

        // A leading byte order mark is not part of the content (RFC 8259 lets parsers ignore it; some clients send one).
        return (text.StartsWith('\uFEFF') ? text[1..] : text, null);
    }

    private static string Accepted(bool allowText) => allowText ? "application/json or text/plain" : "application/json";
}
