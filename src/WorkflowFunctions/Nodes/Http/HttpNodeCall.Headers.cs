using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>Headers: each value a template rendered to one line; <c>Content-Type</c> goes with the body.</summary>
public sealed partial record HttpNodeCall
{
    private static bool TryRenderHeaders(
        JsonNode? node,
        TemplateScope scope,
        out List<KeyValuePair<string, string>> headers,
        out MediaTypeHeaderValue? contentType,
        out string? problem)
    {
        headers = [];
        contentType = null;
        problem = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonObject map)
        {
            problem = "headers must be an object of header name to value template.";
            return false;
        }

        foreach (var (name, value) in map)
        {
            if (!TryRender(value, $"headers.{name}", scope, out var rendered, out problem))
            {
                return false;
            }

            rendered ??= string.Empty;
            if (rendered.AsSpan().IndexOfAny('\r', '\n') >= 0 || name.AsSpan().IndexOfAny('\r', '\n', ':') >= 0)
            {
                problem = $"headers.{name} contains a line break after rendering; header values must be a single line.";
                return false;
            }

            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (!MediaTypeHeaderValue.TryParse(rendered, out contentType))
                {
                    problem = $"headers.{name} is not a valid content type: \"{rendered}\".";
                    return false;
                }

                continue;
            }

            headers.Add(new(name, rendered));
        }

        return true;
    }
}
