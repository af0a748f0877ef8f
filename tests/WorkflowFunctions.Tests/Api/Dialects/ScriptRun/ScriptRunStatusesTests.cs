using WorkflowFunctions.Api.Dialects.ScriptRun;
using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptRun;

/// <summary>Reference 003's status words for every native run and node status (the table in docs/dialects/scriptrun.md).</summary>
public class ScriptRunStatusesTests
{
    [Theory]
    [InlineData(RunStatus.Queued, "in queue")]
    [InlineData(RunStatus.Running, "in progress")]
    [InlineData(RunStatus.Waiting, "in progress")]
    [InlineData(RunStatus.Succeeded, "succeed")]
    [InlineData(RunStatus.Failed, "failed")]
    [InlineData(RunStatus.Cancelled, "failed")]
    public void Of_RunStatus_IsTheDocumentsWord(RunStatus status, string word) =>
        Assert.Equal(word, ScriptRunStatuses.Of(status));

    [Theory]
    [InlineData(NodeStatus.Queued, "in queue")]
    [InlineData(NodeStatus.Running, "in progress")]
    [InlineData(NodeStatus.Waiting, "in progress")]
    [InlineData(NodeStatus.Succeeded, "succeed")]
    [InlineData(NodeStatus.Failed, "failed")]
    [InlineData(NodeStatus.Cancelled, "failed")]
    [InlineData(NodeStatus.Skipped, null)]
    public void Of_NodeStatus_IsTheDocumentsWordOrNothingForSkipped(NodeStatus status, string? word) =>
        Assert.Equal(word, ScriptRunStatuses.Of(status));

    [Fact]
    public void IsTerminal_OnlySucceedAndFailed() =>
        Assert.Equal(
            ["succeed", "failed"],
            new[] { "in queue", "in progress", "succeed", "failed", "not found" }.Where(ScriptRunStatuses.IsTerminal));
}
