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

    /// <summary>Renders the document as a JSON node.</summary>
    public JsonNode? RenderNode(TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return RenderValue(_document, scope);
    }

    /// <summary>Renders the document as compact JSON text.</summary>
    public string Render(TemplateScope scope) => TemplateValues.ToCompactJson(RenderNode(scope));

    private JsonNode? RenderValue(JsonNode? node, TemplateScope scope)
    {
        switch (node)
        {
            case JsonObject obj:
                var rendered = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    rendered[name] = RenderValue(value, scope);
                }

                return rendered;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(RenderValue(item, scope));
                }

                return items;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (!_templates.TryGetValue(text, out var template))
                {
                    return value.DeepClone();
                }

                if (template.SoleReference is { } sole)
                {
                    return TemplateValues.TryResolve(sole, scope, out var resolved) ? resolved?.DeepClone() : null;
                }

                return JsonValue.Create(template.Render(scope));
            default:
                return node?.DeepClone();
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
