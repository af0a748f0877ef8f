using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>Builds small definitions in the native format with flow in <c>next_nodes</c> (no edges).</summary>
internal sealed class GraphBuilder
{
    private readonly JsonArray _nodes = [];
    private string? _start;

    public GraphBuilder Trigger(string id, params string[] next) => Add(id, NodeTypes.Trigger, [], next);

    /// <summary>An LLM node run by the scripted test executor; <paramref name="script"/> goes to <c>data.test</c>.</summary>
    public GraphBuilder Llm(string id, string message, JsonObject? script = null, JsonObject? extra = null, params string[] next)
    {
        var data = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = message }),
        };
        if (script is not null)
        {
            data["test"] = script;
        }

        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return Add(id, NodeTypes.Llm, data, next);
    }

    public GraphBuilder Add(string id, string type, JsonObject data, params string[] next)
    {
        data["next_nodes"] = new JsonArray(next.Select(n => (JsonNode?)n).ToArray());
        _nodes.Add(new JsonObject { ["id"] = id, ["type"] = type, ["data"] = data });
        _start ??= id;
        return this;
    }

    public JsonElement Build() =>
        JsonSerializer.SerializeToElement(new JsonObject { ["nodes"] = _nodes.DeepClone(), ["edges"] = new JsonArray(), ["start_node"] = _start });
}
