using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Content;

/// <summary>
/// <c>parse_content</c> of reference 003: a node's <c>result.content</c> is always a string, but may hold plain
/// text, a JSON document, or JSON wrapped in a Markdown code fence (<c>```json ... ```</c>). Strip a fence when
/// the trimmed content starts with one, then parse JSON; when that fails, the (unfenced) text is the value.
/// </summary>
public static class ContentParser
{
    /// <summary>The content's value: parsed JSON, or a JSON string holding the (unfenced) text.</summary>
    public static JsonNode? Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Unfence(content);
        return TryParseUnfenced(text, out var json) ? json : JsonValue.Create(text);
    }

    /// <summary>
    /// Parses the content as JSON after removing a code fence; false for plain text. Like <c>json.loads</c>,
    /// scalars (<c>42</c>, <c>true</c>, <c>"s"</c>) are JSON and a repeated property name keeps its last value.
    /// </summary>
    public static bool TryParseJson(string content, out JsonNode? json)
    {
        ArgumentNullException.ThrowIfNull(content);
        return TryParseUnfenced(Unfence(content), out json);
    }

    // Unfenced once only: a fence inside the fence is content, as in the reference.
    private static bool TryParseUnfenced(string text, out JsonNode? json)
    {
        json = null;
        var trimmed = text.Trim();
        return trimmed.Length > 0 && ContentJson.TryParse(trimmed, out json);
    }

    /// <summary>The trimmed text inside a <c>```</c> or <c>```json</c> fence that opens the trimmed content (text after its closing fence is
    /// dropped, as by the reference's <c>re.match</c>); else the content unchanged.</summary>
    public static string Unfence(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var trimmed = content.AsSpan().Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return content;
        }

        var body = trimmed[3..];
        if (body.StartsWith("json", StringComparison.Ordinal))
        {
            body = body[4..];
        }

        var close = body.IndexOf("```", StringComparison.Ordinal);
        return close < 0 ? content : body[..close].Trim().ToString();
    }
}
