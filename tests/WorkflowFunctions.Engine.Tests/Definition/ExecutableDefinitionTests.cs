using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Engine.Tests.Fixtures;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Definition;

public class ExecutableDefinitionTests
{
    [Fact]
    public void ToExecutableJson_Reference003Example_DropsEditorFieldsAndKeepsEveryNodesData()
    {
        var original = WorkflowDefinition.Parse(FixtureFiles.Reference003Data());

        var executable = original.ToExecutableJson();

        Assert.Equal(["start_node", "nodes", "edges"], executable.Select(p => p.Key));
        Assert.All(executable["nodes"]!.AsArray(), n => Assert.Equal(["id", "type", "data"], n!.AsObject().Select(p => p.Key)));
        Assert.All(
            executable["edges"]!.AsArray(),
            e => Assert.DoesNotContain(e!.AsObject(), p => p.Key is "id" or "style" or "type" or "animated" or "markerEnd"));
        Assert.Equal(
            original.Nodes.Select(n => n.Data.ToJsonString()),
            executable["nodes"]!.AsArray().Select(n => n!["data"]!.ToJsonString()));
        Assert.True(executable.ToJsonString().Length < original.ToJson().Length * 3 / 4);
    }

    [Fact]
    public void ToExecutableJson_Reference003Example_CompilesToTheSamePlan()
    {
        var original = WorkflowDefinition.Parse(FixtureFiles.Reference003Data());

        var executable = WorkflowDefinition.FromJson(original.ToExecutableJson());

        AssertSamePlan(original, executable);
    }

    [Fact]
    public void ToExecutableJson_FlowFromNodeFieldsWithoutEdges_KeepsThatFlow()
    {
        var original = WorkflowDefinition.Parse("""
            {"start_node":"t","viewport":{"zoom":2},"nodes":[
              {"id":"t","type":"trigger-node","position":{"x":0,"y":0},"data":{"next_nodes":["c"]}},
              {"id":"c","type":"if-else-node","data":{"condition":{"left":"{{ input.x }}","operator":"==","right":"1"},"true_node":"a","false_node":"b"}},
              {"id":"a","type":"output-node","data":{"output":"yes"}},
              {"id":"b","type":"output-node","data":{"output":"no"}}]}
            """);

        var executable = original.ToExecutableJson();

        Assert.False(executable.ContainsKey("edges"));
        AssertSamePlan(original, WorkflowDefinition.FromJson(executable));
    }

    [Fact]
    public void ToExecutableJson_MalformedEntries_KeptSoFindingsAndIndexesStayTheSame()
    {
        var original = WorkflowDefinition.Parse("""
            {"start_node":"a","nodes":[7,{"id":"a","type":"trigger-node","data":{},"width":3},{"type":"output-node"}],
             "edges":["x",{"source":"a","target":"missing","id":"e1","style":{}}]}
            """);

        var executable = WorkflowDefinition.FromJson(original.ToExecutableJson());

        Assert.Equal(Codes(original), Codes(executable));
        Assert.Equal(original.Nodes.Select(n => (n.Id, n.Index)), executable.Nodes.Select(n => (n.Id, n.Index)));
        Assert.Equal(original.Edges.Select(e => (e.Source, e.Target, e.Index)), executable.Edges.Select(e => (e.Source, e.Target, e.Index)));
    }

    [Fact]
    public void ToExecutableJson_DraftWithoutNodes_StaysEmpty()
    {
        var executable = WorkflowDefinition.Parse("{}").ToExecutableJson();

        Assert.Empty(executable);
    }

    private static void AssertSamePlan(WorkflowDefinition expected, WorkflowDefinition actual)
    {
        var a = ExecutionPlan.Compile(expected);
        var b = ExecutionPlan.Compile(actual);
        Assert.Equal(a.Nodes, b.Nodes);
        Assert.Equal(a.OutputNodes, b.OutputNodes);
        Assert.All(a.Nodes, id => Assert.Equal(a.Successors(id), b.Successors(id)));
        Assert.All(a.Nodes, id => Assert.Equal(a.Predecessors(id), b.Predecessors(id)));
        Assert.Equal(expected.Graph.Links.Select(l => (l.Source, l.Target, l.Branch)), actual.Graph.Links.Select(l => (l.Source, l.Target, l.Branch)));
        Assert.Equal(Codes(expected), Codes(actual));
    }

    private static IEnumerable<string> Codes(WorkflowDefinition definition) =>
        WorkflowValidator.Default.Validate(definition).Findings.Select(f => f.Code + " " + f.NodeId + " " + f.Path);
}
