using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Definition;

/// <summary>
/// A workflow graph in the native format of reference 003: <c>nodes</c>, <c>edges</c>, <c>start_node</c>,
/// <c>viewport</c>. Parsing is lenient (drafts such as <c>{}</c> parse; problems with the document's shape
/// become <see cref="ShapeFindings"/> for the validator) and lossless: <see cref="ToJson"/> writes back the
/// document as parsed, including every field this service does not interpret (positions, styles, markers...).
/// </summary>
public sealed class WorkflowDefinition
{
    private static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false };

    private readonly Dictionary<string, NodeDefinition> _nodesById;
    private WorkflowGraph? _graph;

    private WorkflowDefinition(JsonObject raw, List<NodeDefinition> nodes, List<EdgeDefinition> edges, List<ValidationFinding> shapeFindings)
    {
        Raw = raw;
        Nodes = nodes;
        Edges = edges;
        ShapeFindings = shapeFindings;
        StartNode = JsonRead.String(raw, "start_node");
        _nodesById = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            // First occurrence wins; duplicates are a validation error.
            _nodesById.TryAdd(node.Id, node);
        }
    }

    /// <summary>The document exactly as parsed. Treat as read-only.</summary>
    public JsonObject Raw { get; }

    /// <summary><c>start_node</c>, or null when absent.</summary>
    public string? StartNode { get; }

    /// <summary>The nodes with a usable object shape, in document order.</summary>
    public IReadOnlyList<NodeDefinition> Nodes { get; }

    /// <summary>The edges with a usable object shape, in document order.</summary>
    public IReadOnlyList<EdgeDefinition> Edges { get; }

    /// <summary>Problems with the document's shape found while parsing (reported by the validator).</summary>
    public IReadOnlyList<ValidationFinding> ShapeFindings { get; }

    /// <summary>The resolved flow (see <see cref="FlowResolver"/>), computed once.</summary>
    public WorkflowGraph Graph => _graph ??= FlowResolver.Resolve(this);

    /// <summary>Finds a node by ID (the first one, if IDs repeat).</summary>
    public NodeDefinition? FindNode(string id) => _nodesById.GetValueOrDefault(id);

    /// <summary>Parses a definition from JSON text.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static WorkflowDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 256 });
        return FromJson(node);
    }

    /// <summary>
    /// Builds a definition over a JSON node. The node is deep-cloned, so later changes to the argument do not
    /// affect the definition. A non-object becomes an empty definition with a <c>definition.not_object</c> finding.
    /// </summary>
    public static WorkflowDefinition FromJson(JsonNode? json)
    {
        var findings = new List<ValidationFinding>();
        if (json is not JsonObject source)
        {
            findings.Add(ValidationFinding.Error(FindingCodes.DefinitionNotObject, "The workflow definition must be a JSON object.", "$"));
            return new WorkflowDefinition(new JsonObject(), [], [], findings);
        }

        var raw = (JsonObject)source.DeepClone();
        var nodes = new List<NodeDefinition>();
        switch (raw["nodes"])
        {
            case null:
                break;
            case JsonArray nodeArray:
                for (var i = 0; i < nodeArray.Count; i++)
                {
                    if (nodeArray[i] is not JsonObject nodeObject)
                    {
                        findings.Add(ValidationFinding.Error(FindingCodes.NodeNotObject, $"nodes[{i}] must be an object.", $"$.nodes[{i}]"));
                        continue;
                    }

                    var node = new NodeDefinition(nodeObject, i);
                    if (node.Id.Length == 0)
                    {
                        findings.Add(ValidationFinding.Error(FindingCodes.NodeMissingId, $"nodes[{i}] has no string 'id'.", $"$.nodes[{i}].id"));
                        continue;
                    }

                    nodes.Add(node);
                }

                break;
            default:
                findings.Add(ValidationFinding.Error(FindingCodes.NodesNotArray, "'nodes' must be an array.", "$.nodes"));
                break;
        }

        var edges = new List<EdgeDefinition>();
        switch (raw["edges"])
        {
            case null:
                break;
            case JsonArray edgeArray:
                for (var i = 0; i < edgeArray.Count; i++)
                {
                    if (edgeArray[i] is JsonObject edgeObject)
                    {
                        edges.Add(new EdgeDefinition(edgeObject, i));
                    }
                    else
                    {
                        findings.Add(ValidationFinding.Error(FindingCodes.EdgeNotObject, $"edges[{i}] must be an object.", $"$.edges[{i}]"));
                    }
                }

                break;
            default:
                findings.Add(ValidationFinding.Error(FindingCodes.EdgesNotArray, "'edges' must be an array.", "$.edges"));
                break;
        }

        return new WorkflowDefinition(raw, nodes, edges, findings);
    }

    /// <summary>Writes the definition back as compact JSON, JSON-equal to what was parsed.</summary>
    public string ToJson() => Raw.ToJsonString(CompactJson);

    /// <summary>A deep copy of the document, safe to modify.</summary>
    public JsonObject ToJsonObject() => (JsonObject)Raw.DeepClone();

    /// <summary>
    /// The part of the document that decides how a run executes: <c>start_node</c>, each node's <c>id</c>,
    /// <c>type</c> and whole <c>data</c>, and each edge's <c>source</c>, <c>target</c> and <c>sourceHandle</c>, in
    /// document order (an entry that is not an object is kept as it is, so every index and finding stays the same).
    /// Editor-only fields (positions, sizes, styles, markers, viewport, edge IDs) are left out. It parses to a
    /// definition that compiles to the same plan; runs pin this form, so their orchestration history does not
    /// carry the editor's layout on every replay.
    /// </summary>
    public JsonObject ToExecutableJson()
    {
        var executable = new JsonObject();
        CopyIfPresent(Raw, executable, "start_node");
        if (Raw["nodes"] is JsonArray nodes)
        {
            executable["nodes"] = Project(nodes, "id", "type", "data");
        }
        else
        {
            CopyIfPresent(Raw, executable, "nodes");
        }

        if (Raw["edges"] is JsonArray edges)
        {
            executable["edges"] = Project(edges, "source", "target", "sourceHandle");
        }
        else
        {
            CopyIfPresent(Raw, executable, "edges");
        }

        return executable;
    }

    private static JsonArray Project(JsonArray entries, params string[] keys)
    {
        var projected = new JsonArray();
        foreach (var entry in entries)
        {
            if (entry is not JsonObject source)
            {
                projected.Add((JsonNode?)entry?.DeepClone());
                continue;
            }

            var kept = new JsonObject();
            foreach (var key in keys)
            {
                CopyIfPresent(source, kept, key);
            }

            projected.Add((JsonNode)kept);
        }

        return projected;
    }

    private static void CopyIfPresent(JsonObject from, JsonObject to, string key)
    {
        if (from.TryGetPropertyValue(key, out var value))
        {
            to[key] = value?.DeepClone();
        }
    }
}
