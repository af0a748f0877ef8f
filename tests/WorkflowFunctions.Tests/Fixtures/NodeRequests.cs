using System.Text.Json.Nodes;
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>Builds <see cref="NodeExecutionRequest"/>s as the orchestrator sends them.</summary>
internal static class NodeRequests
{
    public static NodeExecutionRequest For(string nodeType, JsonObject data, JsonNode? input = null, Dictionary<string, JsonNode?>? nodes = null) => new()
    {
        RunId = "run-1",
        WorkflowId = "wf",
        AccountId = "acct",
        NodeId = "node-1",
        NodeType = nodeType,
        Node = data,
        Input = input ?? new JsonObject(),
        Nodes = nodes ?? [],
        TimeoutSeconds = 300,
    };

    /// <summary>An LLM node's data with one system and one user message.</summary>
    public static JsonObject Llm(string user, JsonObject? settings = null)
    {
        var data = new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["message"] = "You are terse." },
                new JsonObject { ["role"] = "user", ["message"] = user }),
        };
        if (settings is not null)
        {
            data["settings"] = settings;
        }

        return data;
    }
}
