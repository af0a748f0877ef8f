using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Validation;

public class SelfCallsTests
{
    private static WorkflowDefinition Calling(string workflowNodeData) => WorkflowDefinition.Parse($$$"""
        {"start_node": "t", "nodes": [
          {"id": "t", "type": "trigger-node", "data": {"next_nodes": ["w"]}},
          {"id": "w", "type": "workflow-node", "data": {{{workflowNodeData}}}}
        ], "edges": []}
        """);

    [Theory]
    [InlineData("""{"workflow_id": "wf_self"}""")]
    [InlineData("""{"workflow_id": " wf_self "}""")]
    [InlineData("""{"workflow_id": "7"}""")]
    [InlineData("""{"workflow_id": 7}""")]
    [InlineData("""{"workflow_id": "wf_self", "version": "0.1"}""")]
    public void Find_WorkflowNodeNamingTheWorkflowItself_ReportsAnError(string data)
    {
        // Act
        var findings = SelfCalls.Find(Calling(data), "wf_self", 7);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal(
            (FindingCodes.WorkflowNodeCallsItself, FindingSeverity.Error, "w", "$.nodes[1].data.workflow_id"),
            (finding.Code, finding.Severity, finding.NodeId, finding.Path));
        Assert.StartsWith("Node 'w' runs this workflow", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"workflow_id": "wf_other"}""")]
    [InlineData("""{"workflow_id": "8"}""")]
    [InlineData("""{"workflow_id": "wf_self", "version": 2}""")]
    [InlineData("""{"workflow_id": "wf_self", "workflow_version": 2}""")]
    [InlineData("""{"workflow_id": "wf_self", "workflow_version": "2"}""")]
    [InlineData("""{}""")]
    public void Find_WorkflowNodeCallingAnotherWorkflowOrAPinnedVersion_ReportsNothing(string data)
    {
        // Act
        var findings = SelfCalls.Find(Calling(data), "wf_self", 7);

        // Assert
        Assert.Empty(findings);
    }
}
