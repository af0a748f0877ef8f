using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Workflows;

/// <summary>A compiled definition's reachable nodes in plan order, with their types and the nodes each waits for.</summary>
public class PreparedWorkflowPlannedNodesTests
{
    // t -> a, t -> b, a -> o, b -> o; "lost" is not reachable. Listed out of order to show the plan orders them.
    private const string Diamond = """
        {"start_node":"t","nodes":[
          {"id":"o","type":"output-node","data":{}},
          {"id":"b","type":"import-csv-node","data":{"text":"x\n1"}},
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"a","type":"import-csv-node","data":{"text":"y\n2"}},
          {"id":"lost","type":"output-node","data":{}}],
         "edges":[{"source":"t","target":"a"},{"source":"t","target":"b"},{"source":"a","target":"o"},{"source":"b","target":"o"}]}
        """;

    [Fact]
    public void PlannedNodes_Diamond_ReachableNodesInPlanOrderWithTypesAndPredecessors()
    {
        // Act
        var planned = PreparedWorkflow.Compile(Diamond).PlannedNodes;

        // Assert: topological, ties in document order; the unreachable node is left out.
        Assert.Equal(["t", "b", "a", "o"], planned.Select(n => n.Id));
        Assert.Equal(["trigger-node", "import-csv-node", "import-csv-node", "output-node"], planned.Select(n => n.Type));
        Assert.Empty(planned[0].Predecessors);
        Assert.Equal(["t"], planned[1].Predecessors);
        Assert.Equal(["b", "a"], planned[3].Predecessors);
    }

    [Fact]
    public void PlannedNodes_DraftWithoutPlan_IsEmpty()
    {
        var planned = PreparedWorkflow.Prepare("{}").PlannedNodes;

        Assert.Empty(planned);
    }
}
