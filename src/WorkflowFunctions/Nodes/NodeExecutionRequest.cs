using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Nodes;

/// <summary>
/// The <c>ExecuteNode</c> activity's input: one node and the template data it can see. To keep activity
/// messages small, <see cref="Nodes"/> holds only the finished upstream nodes the node's templates reference.
/// </summary>
public sealed record NodeExecutionRequest
{
    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = "";

    [JsonPropertyName("workflow_id")]
    public string WorkflowId { get; init; } = "";

    [JsonPropertyName("account_id")]
    public string AccountId { get; init; } = "";

    [JsonPropertyName("node_id")]
    public string NodeId { get; init; } = "";

    [JsonPropertyName("node_type")]
    public string NodeType { get; init; } = "";

    /// <summary>The node's <c>data</c> object as defined (templates not rendered).</summary>
    [JsonPropertyName("node")]
    public JsonObject Node { get; init; } = [];

    /// <summary>The run input (<c>{{ input.* }}</c>).</summary>
    [JsonPropertyName("input")]
    public JsonNode? Input { get; init; }

    /// <summary>Referenced finished nodes, each <c>{"result": {...}}</c> keyed by node ID (<c>{{ id.result.content }}</c>).</summary>
    [JsonPropertyName("nodes")]
    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>The node's timeout; the activity cancels the executor's token after it.</summary>
    [JsonPropertyName("timeout_seconds")]
    public double TimeoutSeconds { get; init; }

    /// <summary>The bare variables the node's templates read (<c>{{ region }}</c> = <c>{{ input.region }}</c>); null when none.</summary>
    [JsonPropertyName("variables")]
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>The row a map-rows node calls this node for (<c>{{ row.* }}</c>); null outside map-rows.</summary>
    [JsonPropertyName("row")]
    public JsonObject? Row { get; init; }

    /// <summary>The largest text one of the node's template renderings may produce (UTF-8 bytes); 0 means the engine's default.</summary>
    [JsonPropertyName("max_rendered_template_bytes")]
    public int MaxRenderedTemplateBytes { get; init; }

    /// <summary>What the node's templates can see, and how large a rendering may grow.</summary>
    public TemplateScope TemplateScope() => new(Input, Nodes)
    {
        Variables = Variables is { Count: > 0 } names ? new HashSet<string>(names, StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal),
        Row = Row,
        MaxRenderedBytes = MaxRenderedTemplateBytes > 0 ? MaxRenderedTemplateBytes : Engine.Templates.TemplateScope.DefaultMaxRenderedBytes,
    };
}
