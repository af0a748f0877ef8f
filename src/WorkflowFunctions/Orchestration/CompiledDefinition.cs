using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A pinned definition parsed and compiled once, shared by every run (and every replay episode) of the same
/// definition text. It is a pure function of that text, so sharing it cannot change what a replay does. The
/// JSON tree is fully materialized before the instance is shared: <see cref="JsonObject"/> and
/// <see cref="JsonArray"/> build their children lazily on first read, which is not safe from several threads.
/// Treat everything here as read-only.
/// </summary>
internal sealed class CompiledDefinition
{
    private static readonly IReadOnlySet<string> NoReferences = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _referencedNodes;
    private readonly Dictionary<string, IReadOnlyList<string>?> _referencedVariables;

    private CompiledDefinition(WorkflowDefinition definition, ExecutionPlan plan)
    {
        Definition = definition;
        Plan = plan;
        Variables = TemplateVariables.Of(definition);
        var nodes = new List<(string Id, string Type)>(plan.Nodes.Count);
        _referencedNodes = new Dictionary<string, IReadOnlySet<string>>(plan.Nodes.Count, StringComparer.Ordinal);
        _referencedVariables = new Dictionary<string, IReadOnlyList<string>?>(plan.Nodes.Count, StringComparer.Ordinal);
        foreach (var id in plan.Nodes)
        {
            var node = definition.FindNode(id);
            nodes.Add((id, node?.Type ?? string.Empty));
            var roots = node is null ? NoReferences : TemplateReferences.NodeRoots(node.Data);
            _referencedNodes[id] = roots;
            List<string> variables = [.. roots.Where(Variables.Contains).Order(StringComparer.Ordinal)];
            _referencedVariables[id] = variables.Count > 0 ? variables : null;
        }

        LedgerNodes = nodes;
    }

    /// <summary>The definition's bare variables (see <see cref="TemplateVariables"/>).</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>The bare variables a node's templates read, for its activity request; null when none.</summary>
    public IReadOnlyList<string>? ReferencedVariables(string nodeId) => _referencedVariables.GetValueOrDefault(nodeId);

    public WorkflowDefinition Definition { get; }

    public ExecutionPlan Plan { get; }

    /// <summary>The reachable nodes in plan order with their types: what a run's ledger tracks.</summary>
    public IReadOnlyList<(string Id, string Type)> LedgerNodes { get; }

    /// <summary>The other nodes a reachable node's templates refer to (see <see cref="TemplateReferences"/>).</summary>
    public IReadOnlySet<string> ReferencedNodes(string nodeId) => _referencedNodes.GetValueOrDefault(nodeId, NoReferences);

    /// <summary>Parses and compiles a definition.</summary>
    /// <exception cref="InvalidOperationException">The definition cannot be compiled into a plan.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not JSON.</exception>
    public static CompiledDefinition Compile(string json)
    {
        var parsed = JsonNode.Parse(json);
        var definition = WorkflowDefinition.FromJson(parsed);
        Materialize(definition.Raw);
        return new CompiledDefinition(definition, ExecutionPlan.Compile(definition));
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }
}
