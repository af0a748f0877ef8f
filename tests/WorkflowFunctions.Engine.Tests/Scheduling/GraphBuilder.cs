using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Tests.Scheduling;

/// <summary>Builds definitions in the native JSON format for scheduler tests.</summary>
internal sealed class GraphBuilder
{
    private readonly JsonArray _nodes = [];
    private readonly JsonArray _edges = [];
    private string? _start;

    public GraphBuilder Node(string id, string type = NodeTypes.Llm, bool continueOnError = false)
    {
        _start ??= id;
        var data = new JsonObject();
        if (continueOnError)
        {
            data["continue_on_error"] = true;
        }

        _nodes.Add(new JsonObject { ["id"] = id, ["type"] = type, ["data"] = data });
        return this;
    }

    public GraphBuilder Edge(string source, string target, Branch branch = Branch.None)
    {
        var edge = new JsonObject { ["id"] = $"e{_edges.Count}", ["source"] = source, ["target"] = target };
        if (branch != Branch.None)
        {
            edge["sourceHandle"] = branch == Branch.True ? "condition-true" : "condition-false";
        }

        _edges.Add(edge);
        return this;
    }

    public WorkflowDefinition Build() =>
        WorkflowDefinition.FromJson(new JsonObject { ["start_node"] = _start, ["nodes"] = _nodes.DeepClone(), ["edges"] = _edges.DeepClone() });
}
