using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>Replies in the OpenAI chat-completions wire format, as the loopback LLM server sends them.</summary>
internal static class ChatCompletions
{
    public static Task WriteAsync(
        HttpContext context, string content, string model = "gpt-4o-mini-2024-07-18", int promptTokens = 1000, int completionTokens = 500)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message, string type = "invalid_request_error")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = null } };
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>The messages of a recorded chat-completions request body.</summary>
    public static JsonArray Messages(RecordedRequest request) => (JsonArray)JsonNode.Parse(request.Body)!["messages"]!;
}
