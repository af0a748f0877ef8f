using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// A JSON document whose values are templates, for bodies such as an HTTP node's. Values are placed as JSON
/// values, never spliced as text, so the result is valid JSON whatever the inputs contain:
/// <list type="bullet">
/// <item>a string that is exactly one placeholder (<c>"{{ input.user }}"</c>) becomes the referenced value with
/// its own JSON type (object, number, ...); a missing value becomes <c>null</c>;</item>
/// <item>any other string containing placeholders renders to a JSON string;</item>
/// <item>a bare placeholder in a value position (<c>{"n": {{ input.count }} }</c>) is accepted too and behaves
/// like the quoted single placeholder.</item>
/// </list>
/// Parse once, render many times.
/// </summary>
public sealed class JsonTemplate
{
    private const string BareMarker = "\u0001wf-bare\u0001";
    private const string EscapedBareMarker = "\\u0001wf-bare\\u0001";
    // Duplicate property names are refused: a JsonObject cannot hold them, and which one was meant is unclear.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128, AllowDuplicateProperties = false };
    // A rendering nests a referenced value inside the document, so it may be deeper than either.
    private static readonly JsonDocumentOptions RenderedOptions = new() { MaxDepth = 1000 };
    private readonly JsonNode? _document;
    private readonly Dictionary<string, Template> _templates;

    private JsonTemplate(JsonNode? document, Dictionary<string, Template> templates)
    {
        _document = document;
        _templates = templates;
        References = [.. templates.Values.SelectMany(t => t.References)];
    }

    /// <summary>Every placeholder's reference in the document.</summary>
    public IReadOnlyList<TemplateReference> References { get; }

    /// <summary>Parses a JSON body whose strings (and bare value positions) may hold placeholders.</summary>
    public static bool TryParse(string text, out JsonTemplate template, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        template = null!;

        // Bare placeholders are quoted (with a marker) so the document parses as JSON.
        if (!TryQuoteBarePlaceholders(text, out var quoted, out error))
        {
            return false;
        }

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(quoted, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON: {ex.Message}";
            return false;
        }

        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        if (!CollectTemplates(document, "$", templates, out error))
        {
            return false;
        }

        template = new JsonTemplate(document, templates);
        return true;
    }

    /// <summary>Renders the document as a JSON node (within <see cref="TemplateScope.MaxRenderedBytes"/> as JSON text).</summary>
    public JsonNode? RenderNode(TemplateScope scope) => JsonNode.Parse(RenderUtf8(scope).Span, documentOptions: RenderedOptions);

    /// <summary>
    /// Renders the document as compact JSON text. Stops with <see cref="TemplateOutputTooLargeException"/> as soon as
    /// the text would pass <see cref="TemplateScope.MaxRenderedBytes"/>: values are written straight to a capped buffer.
    /// </summary>
    public string Render(TemplateScope scope) => Encoding.UTF8.GetString(RenderUtf8(scope).Span);

    private ReadOnlyMemory<byte> RenderUtf8(TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var buffer = new CappedBufferWriter(scope.MaxRenderedBytes, scope.MaxRenderedBytes);
        using (var writer = new Utf8JsonWriter(buffer, TemplateValues.CompactWriter))
        {
            WriteValue(writer, _document, scope);
        }

        return buffer.WrittenMemory;
    }

    private void WriteValue(Utf8JsonWriter writer, JsonNode? node, TemplateScope scope)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                return;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, value, scope);
                }

                writer.WriteEndObject();
                return;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(writer, item, scope);
                }

                writer.WriteEndArray();
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && _templates.TryGetValue(value.GetValue<string>(), out var template):
                // A referenced value is written as it is (its strings are data, never templates); missing is null.
                if (template.SoleReference is { } sole)
                {
                    if (TemplateValues.TryResolve(sole, scope, out var resolved) && resolved is not null)
                    {
                        resolved.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }
                else
                {
                    writer.WriteStringValue(template.Render(scope));
                }

                return;
            default:
                node.WriteTo(writer);
                return;
        }
    }

    private static bool CollectTemplates(JsonNode? node, string path, Dictionary<string, Template> templates, out string? error)
    {
        error = null;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name.StartsWith(BareMarker, StringComparison.Ordinal))
                    {
                        error = $"At {path}: a placeholder cannot be a property name ('{name[BareMarker.Length..]}'); property names are sent as written.";
                        return false;
                    }

                    if (!CollectTemplates(value, $"{path}.{name}", templates, out error))
                    {
                        return false;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (!CollectTemplates(array[i], $"{path}[{i}]", templates, out error))
                    {
                        return false;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Contains("{{", StringComparison.Ordinal) && !templates.ContainsKey(text))
                {
                    var source = text.StartsWith(BareMarker, StringComparison.Ordinal) ? text[BareMarker.Length..] : text;
                    if (!Template.TryParse(source, out var template, out var templateError))
                    {
                        error = $"At {path}: {templateError}";
                        return false;
                    }

                    // A bare placeholder always acts as a whole-value reference.
                    templates[text] = template;
                }

                break;
        }

        return true;
    }

    private static bool TryQuoteBarePlaceholders(string text, out string quoted, out string? error)
    {
        error = null;
        var builder = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                builder.Append(c);
                continue;
            }

            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    quoted = text;
                    error = $"Unclosed '{{{{' at offset {i} in the JSON body.";
                    return false;
                }

                // The marker is written escaped: a raw control character is not allowed inside a JSON string.
                builder.Append('"').Append(EscapedBareMarker);
                builder.Append(JsonEncodedText.Encode(text.AsSpan(i, close + 2 - i)).Value);
                builder.Append('"');
                i = close + 1;
                continue;
            }

            builder.Append(c);
        }

        quoted = builder.ToString();
        return true;
    }
}
