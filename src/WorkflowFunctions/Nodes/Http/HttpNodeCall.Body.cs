using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>The body: JSON bodies rendered value by value (always valid JSON), others as text.</summary>
public sealed partial record HttpNodeCall
{
    private static bool TryRenderBody(JsonNode? node, TemplateScope scope, ref MediaTypeHeaderValue? contentType, out string? body, out string? problem)
    {
        body = null;
        problem = null;
        switch (node)
        {
            case null:
                return true;
            case JsonObject or JsonArray:
                return TryRenderJson(node.ToJsonString(), scope, ref contentType, out body, out problem);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var declaredJson = IsJson(contentType);
                var looksJson = contentType is null && text.TrimStart() is ['{' or '[', ..] && JsonTemplate.TryParse(text, out _, out _);
                if (declaredJson || looksJson)
                {
                    return TryRenderJson(text, scope, ref contentType, out body, out problem);
                }

                if (!TryRender(value, "body", scope, out body, out problem))
                {
                    return false;
                }

                contentType ??= new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
                return true;
            default:
                // A number or boolean body is sent as its JSON text.
                body = node.ToJsonString();
                contentType ??= new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                return true;
        }
    }

    private static bool TryRenderJson(string text, TemplateScope scope, ref MediaTypeHeaderValue? contentType, out string? body, out string? problem)
    {
        body = null;
        if (!JsonTemplate.TryParse(text, out var template, out problem))
        {
            problem = $"body: {problem}";
            return false;
        }

        try
        {
            body = template.Render(scope);
        }
        catch (TemplateOutputTooLargeException ex)
        {
            problem = TemplateOutputTooLargeException.Describe("body", ex.MaxBytes) + ".";
            return false;
        }

        contentType ??= new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return true;
    }

    /// <summary>Whether a media type is JSON: <c>application/json</c>, <c>text/json</c> or any <c>+json</c> type.</summary>
    public static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
