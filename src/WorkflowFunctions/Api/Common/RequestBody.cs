using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using WorkflowFunctions.Api.Native;

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

    /// <summary>The body's JSON (null when empty), or the error to answer.</summary>
    public static async Task<(JsonElement? Json, IActionResult? Error)> ReadJsonAsync(HttpRequest request, int maxBytes)
    {
        var (kind, text, error) = await ReadAsync(request, maxBytes, allowText: false).ConfigureAwait(false);
        return error is not null ? (null, error) : kind == BodyKind.Empty ? (null, null) : Parse(text!);
    }

    /// <summary>A run input: JSON, or <c>text/plain</c> returned as text (the caller wraps it as <c>__raw_input__</c>).</summary>
    public static async Task<(JsonElement? Json, string? Text, IActionResult? Error)> ReadInputAsync(HttpRequest request, int maxBytes)
    {
        var (kind, text, error) = await ReadAsync(request, maxBytes, allowText: true).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, null, error);
        }

        if (kind == BodyKind.Text)
        {
            return (null, text, null);
        }

        if (kind == BodyKind.Empty)
        {
            return (null, null, null);
        }

        var (json, parseError) = Parse(text!);
        return (json, null, parseError);
    }

    /// <summary>Parses strict JSON: 400 naming the position on syntax errors, repeated property names or unpaired surrogates.</summary>
    public static (JsonElement? Json, IActionResult? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, Strict);
            if (UnpairedSurrogates.Find(text, document.RootElement) is { } path)
            {
                return (null, ApiErrors.BadRequest($"The body is not valid JSON text: the string at {path} escapes an unpaired UTF-16 surrogate (such as \\ud800 without its low half)."));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiErrors.BadRequest($"The body is not valid JSON: {ex.Message}"));
        }
        catch (InvalidOperationException ex)
        {
            // Checking property names for repeats unescapes them, which fails on an unpaired surrogate.
            return (null, ApiErrors.BadRequest($"The body is not valid JSON text: a property name escapes an unpaired UTF-16 surrogate ({ex.Message})"));
        }
    }

    private enum BodyKind
    {
        Empty,
        Json,
        Text,
    }

    private static async Task<(BodyKind Kind, string? Text, IActionResult? Error)> ReadAsync(HttpRequest request, int maxBytes, bool allowText)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (BodyKind.Empty, null, ApiErrors.TooLarge(maxBytes));
        }

        var kind = BodyKind.Json;
        if (!string.IsNullOrEmpty(request.ContentType))
        {
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            {
                return (BodyKind.Empty, null, ApiErrors.UnsupportedMediaType(request.ContentType, Accepted(allowText)));
            }

            var type = media.MediaType.Value ?? string.Empty;
            if (allowText && type.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                kind = BodyKind.Text;
            }
            else if (!type.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            {
                return (BodyKind.Empty, null, ApiErrors.UnsupportedMediaType(request.ContentType, Accepted(allowText)));
            }

            // Bodies are read as UTF-8 (RFC 8259): a body declared in another charset would be misread, not converted.
            if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                return (BodyKind.Empty, null, ApiErrors.UnsupportedMediaType(request.ContentType, Accepted(allowText) + " in UTF-8"));
            }
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (BodyKind.Empty, null, ApiErrors.TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (BodyKind.Empty, null, null);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return (BodyKind.Empty, null, ApiErrors.BadRequest("The body is not valid UTF-8."));
        }

        // A leading byte order mark is not part of the content (RFC 8259 lets parsers ignore it; some clients send one).
        text = text.StartsWith('\uFEFF') ? text[1..] : text;
        return text.Length == 0 || (kind == BodyKind.Json && string.IsNullOrWhiteSpace(text)) ? (BodyKind.Empty, null, null) : (kind, text, null);
    }

    private static string Accepted(bool allowText) => allowText ? "application/json or text/plain" : "application/json";
}
