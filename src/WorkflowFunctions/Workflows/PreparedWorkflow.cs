using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// A definition parsed once and shared by every request and every run (and replay episode) of the same text: its
/// model, validation report, trigger input fields, executable form (what a run pins) and compiled plan. It is a pure
/// function of the text, so sharing it cannot change what a replay does. The JSON tree is fully materialized before
/// the instance is shared (<see cref="JsonObject"/> builds its children lazily on first read, which is not safe from
/// several threads), and the derived members are computed once on first use. Treat everything here as read-only.
/// </summary>
public sealed class PreparedWorkflow
{
    private static readonly IReadOnlySet<string> NoReferences = new HashSet<string>(StringComparer.Ordinal);
    private readonly Lazy<ValidationReport> _report;
    private readonly Lazy<IReadOnlyList<InputField>> _inputFields;
    private readonly Lazy<JsonElement> _executable;
    private readonly Lazy<IReadOnlyList<PlannedNode>> _plannedNodes;
    private readonly ExecutionPlan? _plan;
    private readonly Dictionary<string, IReadOnlySet<string>> _referencedNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>?> _referencedVariables = new(StringComparer.Ordinal);

    private PreparedWorkflow(WorkflowDefinition definition, ExecutionPlan? plan, ValidationReport? report = null)
    {
        Definition = definition;
        _plan = plan;
        _report = report is null ? new(() => WorkflowValidator.Default.Validate(definition)) : new(report);
        _inputFields = new(() => Engine.Inputs.InputFields.FromDefinition(definition));
        _executable = new(() => JsonSerializer.SerializeToElement(definition.ToExecutableJson()));
        _plannedNodes = new(() => plan is null ? [] : [.. plan.Nodes.Select(id => new PlannedNode(id, plan.TypeOf(id), plan.Predecessors(id)))]);
        Variables = TemplateVariables.Of(definition);
        var nodes = new List<(string Id, string Type)>();
        foreach (var id in plan?.Nodes ?? [])
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

    public WorkflowDefinition Definition { get; }

    /// <summary>Every finding; a definition with errors is a draft that can be saved but not run.</summary>
    public ValidationReport Report => _report.Value;

    /// <summary>The trigger's input fields, which a run's input is validated against.</summary>
    public IReadOnlyList<InputField> InputFields => _inputFields.Value;

    /// <summary>
    /// The trigger's <c>input_fields</c> exactly as written (a copy), for APIs that show them verbatim (reference 003:
    /// <c>placeholder</c>, <c>tooltip</c>, options as objects); empty when there is no trigger or no such array.
    /// </summary>
    public JsonArray RawInputFields() =>
        Engine.Inputs.InputFields.TriggerOf(Definition)?.Data["input_fields"] is JsonArray fields ? (JsonArray)fields.DeepClone() : [];

    /// <summary>What a run pins: the definition without the visual fields (<see cref="WorkflowDefinition.ToExecutableJson"/>).</summary>
    public JsonElement Executable => _executable.Value;

    /// <summary>Whether the definition compiled into a plan (false for drafts whose graph cannot run).</summary>
    public bool IsCompiled => _plan is not null;

    /// <summary>The compiled plan.</summary>
    /// <exception cref="InvalidOperationException">The definition did not compile (a draft).</exception>
    public ExecutionPlan Plan => _plan ?? throw new InvalidOperationException("The workflow definition has errors and has no plan.");

    /// <summary>The reachable nodes in plan order with their types: what a run's ledger tracks.</summary>
    public IReadOnlyList<(string Id, string Type)> LedgerNodes { get; }

    /// <summary>The reachable nodes in plan order with their types and predecessors (empty for a draft without a plan).</summary>
    public IReadOnlyList<PlannedNode> PlannedNodes => _plannedNodes.Value;

    /// <summary>The other nodes a reachable node's templates refer to (see <see cref="TemplateReferences"/>).</summary>
    public IReadOnlySet<string> ReferencedNodes(string nodeId) => _referencedNodes.GetValueOrDefault(nodeId, NoReferences);

    /// <summary>The definition's bare variables (see <see cref="TemplateVariables"/>).</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>The bare variables a node's templates read, for its activity request; null when none.</summary>
    public IReadOnlyList<string>? ReferencedVariables(string nodeId) => _referencedVariables.GetValueOrDefault(nodeId);

    /// <summary>Parses and compiles a definition a run executes.</summary>
    /// <exception cref="InvalidOperationException">The definition cannot be compiled into a plan.</exception>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static PreparedWorkflow Compile(string json)
    {
        var definition = WorkflowDefinition.FromJson(JsonNode.Parse(json));
        JsonTrees.Materialize(definition.Raw);
        return new PreparedWorkflow(definition, ExecutionPlan.Compile(definition));
    }

    /// <summary>
    /// Parses a definition as saved or submitted: leniently (shape problems become findings), compiled only when its
    /// validation finds no errors. Never throws for content; a draft gets a report and no plan.
    /// </summary>
    public static PreparedWorkflow Prepare(string json)
    {
        var definition = WorkflowDefinition.Parse(json);
        JsonTrees.Materialize(definition.Raw);
        var report = WorkflowValidator.Default.Validate(definition);
        if (report.HasErrors)
        {
            return new PreparedWorkflow(definition, null, report);
        }

        try
        {
            return new PreparedWorkflow(definition, ExecutionPlan.Compile(definition), report);
        }
        catch (InvalidOperationException)
        {
            // The validator reports whatever keeps a graph from compiling; should it miss a case, the definition
            // still cannot run (it has no plan), and starting it says so.
            return new PreparedWorkflow(definition, null, report);
        }
    }
}
