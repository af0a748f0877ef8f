using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Definition;

/// <summary>
/// A typed, read-only view of one entry of <c>nodes[]</c>. The entry's JSON is kept as it was parsed
/// (<see cref="Raw"/>), so visual fields this service does not understand survive a round trip.
/// </summary>
public sealed class NodeDefinition
{
    internal NodeDefinition(JsonObject raw, int index)
    {
        Raw = raw;
        Index = index;
        Id = JsonRead.String(raw, "id") ?? string.Empty;
        Type = JsonRead.String(raw, "type") ?? string.Empty;
        Data = raw["data"] as JsonObject ?? new JsonObject();
        NextNodes = JsonRead.StringArray(Data, "next_nodes");
        TrueNode = JsonRead.String(Data, "true_node");
        FalseNode = JsonRead.String(Data, "false_node");
    }

    /// <summary>The node's ID (a UUID in reference 003, but any non-empty string is accepted).</summary>
    public string Id { get; }

    /// <summary>The node type, e.g. <c>basic-node</c>; see <see cref="NodeTypes"/>.</summary>
    public string Type { get; }

    /// <summary>The node's configuration object (<c>data</c>); empty when absent.</summary>
    public JsonObject Data { get; }

    /// <summary>Position of the node in <c>nodes[]</c>, for JSON paths in findings.</summary>
    public int Index { get; }

    /// <summary>JSON path of this node, e.g. <c>$.nodes[2]</c>.</summary>
    public string Path => $"$.nodes[{Index}]";

    /// <summary>Display name: <c>data.label</c>, else <c>data.name</c>, else the ID.</summary>
    public string DisplayName => JsonRead.String(Data, "label") ?? JsonRead.String(Data, "name") ?? Id;

    /// <summary><c>data.next_nodes</c>: the node-level statement of flow (edges win; see <see cref="FlowResolver"/>).</summary>
    public IReadOnlyList<string> NextNodes { get; }

    /// <summary><c>data.true_node</c> of an if-else node.</summary>
    public string? TrueNode { get; }

    /// <summary><c>data.false_node</c> of an if-else node.</summary>
    public string? FalseNode { get; }

    /// <summary><c>data.continue_on_error</c>: a failure of this node does not fail the run.</summary>
    public bool ContinueOnError => JsonRead.Bool(Data, "continue_on_error") ?? false;

    /// <summary>The entry exactly as parsed.</summary>
    public JsonObject Raw { get; }
}
