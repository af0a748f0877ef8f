using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// A <c>workflow_config</c> is a graph in the native definition format (reference 003's nodes, edges and
/// <c>start_node</c>). The document's one example sends <c>{}</c> and expects a run, so a config with no nodes, no edges
/// and no start node is the empty workflow: it runs as a lone trigger (<see cref="EmptyStartId"/>), which finishes at
/// once, and that trigger is no block of the caller's (its events and state are not shown).
/// </summary>
public static class ScoutConfig
{
    /// <summary>The id of the trigger an empty workflow runs as.</summary>
    public const string EmptyStartId = "start";

    /// <summary>Whether <paramref name="config"/> (an object) is the empty workflow.</summary>
    public static bool IsEmpty(JsonElement config) =>
        config.ValueKind == JsonValueKind.Object && Absent(config, "nodes") && Absent(config, "edges") && Absent(config, "start_node");

    /// <summary>The definition to run or save for <paramref name="config"/>: itself, or the lone trigger when it is empty.</summary>
    public static JsonElement Definition(JsonElement config)
    {
        if (!IsEmpty(config))
        {
            return config;
        }

        var graph = JsonObject.Create(config) ?? [];
        graph["start_node"] = EmptyStartId;
        graph["nodes"] = new JsonArray(new JsonObject { ["id"] = EmptyStartId, ["type"] = "trigger-node", ["data"] = new JsonObject() });
        graph["edges"] = new JsonArray();
        return JsonSerializer.SerializeToElement(graph);
    }

    // Missing, null, or an empty array or string.
    private static bool Absent(JsonElement config, string name) =>
        !config.TryGetProperty(name, out var value) || value.ValueKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.Array => value.GetArrayLength() == 0,
            JsonValueKind.String => value.GetString()!.Length == 0,
            _ => false,
        };
}
