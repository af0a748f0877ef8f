using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// The input of <c>POST /workflows/{id}/run/</c>. An empty body is <c>{}</c> and a <c>text/plain</c> one
/// <c>{"__raw_input__": "&lt;text&gt;"}</c> in either mode; otherwise it depends on how the caller authenticated. With
/// <c>X-Api-Key</c> the body is the input: a JSON object or array as it is, anything else (text that is not JSON, a
/// JSON scalar) raw text as sent. With a Bearer token the body is <c>{"input_data": ...}</c>: an object or array as
/// the input, a string as raw text, absent or null as <c>{}</c>; a Bearer body that cannot be read is a failure.
/// </summary>
public static class ScriptRunRunBody
{
    public static Outcome<JsonNode> Read(bool apiKeyMode, string? contentType, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonObject();
        }

        if (IsPlainText(contentType))
        {
            return RunInput.FromText(text);
        }

        var parsed = RequestBody.Parse(text);
        if (apiKeyMode)
        {
            return parsed.Succeeded && parsed.Value is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json ? ToNode(json) : RunInput.FromText(text);
        }

        if (parsed.Failure is { } unreadable)
        {
            return unreadable;
        }

        if (parsed.Value is not { ValueKind: JsonValueKind.Object } body)
        {
            return Failure.BadRequest("The body must be a JSON object: {\"input_data\": {...}}.");
        }

        if (!body.TryGetProperty("input_data", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return new JsonObject();
        }

        return input.ValueKind switch
        {
            JsonValueKind.Object or JsonValueKind.Array => ToNode(input),
            JsonValueKind.String => RunInput.FromText(input.GetString()!),
            _ => Failure.BadRequest("'input_data' must be a JSON object, an array or a string."),
        };
    }

    private static bool IsPlainText(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);

    private static JsonNode ToNode(JsonElement json) => JsonNode.Parse(json.GetRawText())!;
}
