using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// A parsed <c>{{ }}</c> template: parse once, render many times. See docs/templates-and-conditions.md.
/// Placeholders are <c>{{ input.path }}</c> or <c>{{ nodeId.result.path }}</c>; missing paths render empty;
/// <c>\{{</c> is a literal <c>{{</c>.
/// </summary>
public sealed class Template
{
    private readonly TemplateSegment[] _segments;
    private readonly int _literalLength;

    private Template(string text, List<TemplateSegment> segments)
    {
        Text = text;
        _segments = [.. segments];
        References = [.. segments.Where(s => s.Reference is not null).Select(s => s.Reference!)];
        _literalLength = segments.Sum(s => s.Literal?.Length ?? 0);
    }

    /// <summary>The template's source text.</summary>
    public string Text { get; }

    /// <summary>The placeholders' references, in order of appearance.</summary>
    public IReadOnlyList<TemplateReference> References { get; }

    /// <summary>True when the template has no placeholders (it renders as its literal text).</summary>
    public bool IsLiteral => References.Count == 0;

    /// <summary>The single reference when the whole template is exactly one placeholder (no text around it), else null.</summary>
    public TemplateReference? SoleReference =>
        _segments.Length == 1 ? _segments[0].Reference : null;

    /// <summary>Parses template text. Returns false with a message naming problem and offset on a syntax error.</summary>
    public static bool TryParse(string text, out Template template, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TemplateParser.TryParse(text, out var segments, out error))
        {
            template = null!;
            return false;
        }

        template = new Template(text, segments);
        return true;
    }

    /// <summary>Parses template text, throwing <see cref="FormatException"/> on a syntax error.</summary>
    public static Template Parse(string text) =>
        TryParse(text, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>
    /// Renders to text (missing paths render empty). Stops with <see cref="TemplateOutputTooLargeException"/> as soon
    /// as the text would pass <see cref="TemplateScope.MaxRenderedBytes"/>, before building it.
    /// </summary>
    public string Render(TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_segments.Length == 1 && _segments[0].Literal is { } literal)
        {
            return Within(literal, scope.MaxRenderedBytes);
        }

        if (_segments.Length == 1 && TemplateValues.TryResolve(_segments[0].Reference!, scope, out var sole) && sole is JsonValue value
            && value.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return Within(TemplateValues.ToText(value), scope.MaxRenderedBytes);
        }

        var text = new RenderedText(scope.MaxRenderedBytes, _literalLength + (References.Count * 16));
        foreach (var segment in _segments)
        {
            if (segment.Literal is not null)
            {
                text.Append(segment.Literal);
            }
            else if (TemplateValues.TryResolve(segment.Reference!, scope, out var resolved))
            {
                text.AppendValue(resolved);
            }
        }

        return text.ToString();
    }

    // A single piece that already exists is returned as it is when it fits.
    private static string Within(string text, int maxBytes) =>
        text.Length <= maxBytes / 3 || (text.Length <= maxBytes && Encoding.UTF8.GetByteCount(text) <= maxBytes)
            ? text
            : throw new TemplateOutputTooLargeException(maxBytes);
}
