using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// A <c>basic-node</c>'s request as the model sees it: its <c>messages</c> rendered against the run, and its
/// <c>settings {model_name, temperature, max_tokens, response_format}</c>.
/// </summary>
public sealed record LlmPrompt(IReadOnlyList<ChatMessage> Messages, string? Model, float? Temperature, int? MaxTokens, bool Json)
{
    /// <summary>Reads and renders the node's data; a configuration problem gives a message naming the field.</summary>
    public static bool TryRead(JsonObject data, TemplateScope scope, out LlmPrompt prompt, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        prompt = null!;
        if (data["messages"] is not JsonArray { Count: > 0 } items)
        {
            problem = "The LLM node has no messages: set data.messages to [{role, message}, ...].";
            return false;
        }

        var messages = new List<ChatMessage>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!TryRenderMessage(items[i], i, scope, out var message, out problem))
            {
                return false;
            }

            messages.Add(message);
        }

        var settings = data["settings"] as JsonObject;
        var format = Text(settings?["response_format"]);
        if (format is not (null or "text" or "json"))
        {
            problem = $"settings.response_format must be \"text\" or \"json\", not \"{format}\".";
            return false;
        }

        problem = null;
        prompt = new LlmPrompt(
            messages,
            Text(settings?["model_name"]) is { Length: > 0 } model ? model.Trim() : null,
            Number(settings?["temperature"]) is { } temperature ? (float)temperature : null,
            Number(settings?["max_tokens"]) is { } max and >= 1 ? (int)Math.Min(max, int.MaxValue) : null,
            format == "json");
        return true;
    }

    /// <summary>The call options for Microsoft.Extensions.AI.</summary>
    public ChatOptions ChatOptions() => new()
    {
        Temperature = Temperature,
        MaxOutputTokens = MaxTokens,
        ResponseFormat = Json ? ChatResponseFormat.Json : null,
    };

    private static bool TryRenderMessage(JsonNode? item, int index, TemplateScope scope, out ChatMessage message, out string? problem)
    {
        message = null!;
        var role = Text(item?["role"]);
        var chatRole = role switch
        {
            "system" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            _ => (ChatRole?)null,
        };
        if (chatRole is null)
        {
            problem = $"messages[{index}].role must be system, user or assistant, not \"{role}\".";
            return false;
        }

        var text = Text(item?["message"]) ?? string.Empty;
        try
        {
            message = new ChatMessage(chatRole.Value, TemplateCache.Get(text).Render(scope));
        }
        catch (FormatException ex)
        {
            problem = $"messages[{index}].message is not a valid template: {ex.Message}";
            return false;
        }
        catch (TemplateOutputTooLargeException ex)
        {
            problem = TemplateOutputTooLargeException.Describe($"messages[{index}].message", ex.MaxBytes) + ".";
            return false;
        }

        problem = null;
        return true;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // Read from the JSON text: GetValue<double> throws for values built from other numeric types.
    private static double? Number(JsonNode? node) =>
        node is JsonValue value
        && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
        && double.TryParse(
            value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var number)
        && double.IsFinite(number)
            ? number
            : null;
}
