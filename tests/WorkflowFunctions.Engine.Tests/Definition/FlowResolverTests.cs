using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tests.Fixtures;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Definition;

public class FlowResolverTests
{
    private const string IfNode = "0a4c9bdb-0378-4426-9e4d-0ba5c6e3e5a8";
    private const string TrueTarget = "58a35684-7d25-4dff-b012-609eab065751";
    private const string FalseTarget = "8f6bd336-3d7c-41fe-b94c-d47974c1e056";

    [Fact]
    public void Resolve_Reference003Example_UsesEdgesWithBranchesAndNoFindings()
    {
        var graph = WorkflowDefinition.Parse(FixtureFiles.Reference003Data()).Graph;

        Assert.Equal(FlowSource.Edges, graph.Source);
        Assert.Empty(graph.Findings);
        Assert.Equal(
            [(TrueTarget, Branch.True), (FalseTarget, Branch.False)],
            graph.Outgoing(IfNode).Select(l => (l.Target, l.Branch)));
    }

    [Fact]
    public void Resolve_NoEdges_UsesNodeFields()
    {
        var graph = WorkflowDefinition.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"next_nodes":["i"]}},
              {"id":"i","type":"if-else-node","data":{"true_node":"a","false_node":"b","next_nodes":["a","b"]}},
              {"id":"a","type":"output-node","data":{}},{"id":"b","type":"output-node","data":{}}]}
            """).Graph;

        Assert.Equal(FlowSource.NodeFields, graph.Source);
        Assert.Equal([("i", Branch.None)], graph.Outgoing("t").Select(l => (l.Target, l.Branch)));
        Assert.Equal([("a", Branch.True), ("b", Branch.False)], graph.Outgoing("i").Select(l => (l.Target, l.Branch)));
        Assert.Empty(graph.Findings);
    }

    [Fact]
    public void Resolve_EdgesDisagreeWithNextNodes_EdgesWinAndMismatchIsWarned()
    {
        var graph = WorkflowDefinition.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"next_nodes":["b"]}},
              {"id":"a","type":"output-node","data":{}},{"id":"b","type":"output-node","data":{}}],
             "edges":[{"source":"t","target":"a"}]}
            """).Graph;

        Assert.Equal(["a"], graph.Outgoing("t").Select(l => l.Target));
        var finding = Assert.Single(graph.Findings);
        Assert.Equal(FindingCodes.FlowMismatch, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal("t", finding.NodeId);
    }

    [Fact]
    public void Resolve_EdgeToUnknownNode_IsErrorAndDropped()
    {
        var graph = WorkflowDefinition.Parse("""
            {"nodes":[{"id":"t","type":"trigger-node"}],"edges":[{"id":"e1","source":"t","target":"ghost"}]}
            """).Graph;

        Assert.Empty(graph.Links);
        var finding = Assert.Single(graph.Findings);
        Assert.Equal((FindingCodes.EdgeUnknownTarget, "$.edges[0].target", FindingSeverity.Error), (finding.Code, finding.Path, finding.Severity));
        Assert.Contains("ghost", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DuplicateEdges_AreKeptOnce()
    {
        var graph = WorkflowDefinition.Parse("""
            {"nodes":[{"id":"t","type":"trigger-node"},{"id":"o","type":"output-node"}],
             "edges":[{"source":"t","target":"o"},{"source":"t","target":"o"}]}
            """).Graph;

        Assert.Single(graph.Links);
        Assert.Single(graph.Incoming("o"));
    }
}
