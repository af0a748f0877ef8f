using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Content;

/// <summary>
/// <c>parse_content</c> of reference 003: a node's <c>result.content</c> is always a string, but may hold plain
/// text, a JSON document, or JSON wrapped in a Markdown code fence (<c>```json ... ```</c>). Strip a fence when
/// the whole (trimmed) content is one, then parse JSON; when that fails, the text itself is the value.
/// </summary>
public static class ContentParser
{
    /// <summary>The content's value: parsed JSON, or a JSON string holding the (unfenced) text.</summary>
    public static JsonNode? Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Unfence(content);
        return TryParseJson(text, out var json) ? json : JsonValue.Create(text);
    }

    /// <summary>Parses the content as JSON after removing a code fence; false for plain text.</summary>
    public static bool TryParseJson(string content, out JsonNode? json)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Unfence(content).Trim();
        json = null;
        if (text.Length == 0)
        {
            return false;
        }

        try
        {
            json = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The text inside a <c>```</c> or <c>```json</c> fence that spans the whole trimmed content; else the content.</summary>
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
