using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class ProgressReportTests
{
    private static readonly DateTime Started = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_SmallResults_IncludesEveryResult()
    {
        // Arrange
        var ledger = Ledger("a", "b");
        ledger.TrySucceed("a", Content("one"), Started, 1);
        ledger.TrySucceed("b", Content("two"), Started, 1);

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 12 * 1024);

        // Assert
        Assert.Equal(["a", "b"], progress.Results.Keys.Order());
        Assert.Empty(progress.OmittedResults);
    }

    [Fact]
    public void Build_HundredKilobyteResults_StaysWithinBudgetAndNamesOmittedResults()
    {
        // Arrange
        var ids = Enumerable.Range(0, 5).Select(i => $"big-{i}").ToArray();
        var ledger = Ledger(ids);
        foreach (var id in ids)
        {
            ledger.TrySucceed(id, Content(new string('x', 100 * 1024)), Started, 1);
        }

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 12 * 1024);

        // Assert
        Assert.True(ProgressReport.Measure(progress) <= 12 * 1024);
        Assert.Equal(ids, progress.OmittedResults);
    }

    [Fact]
    public void Build_NonAsciiResult_MeasuredAsTheWorkerWritesIt()
    {
        // Arrange: 6 KB as UTF-8 text, 18 KB if every letter were escaped as \uXXXX.
        var ledger = Ledger("ru");
        ledger.TrySucceed("ru", Content(new string('ж', 3000)), Started, 1);

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 12 * 1024);

        // Assert
        Assert.Equal(["ru"], progress.Results.Keys);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(DurablePayloadJson.Converter.Serialize(progress)!) <= 12 * 1024);
    }

    [Fact]
    public void Build_MixedSizes_KeepsSmallResultsThatFit()
    {
        // Arrange
        var ledger = Ledger("big", "small");
        ledger.TrySucceed("big", Content(new string('x', 100 * 1024)), Started, 1);
        ledger.TrySucceed("small", Content("tiny"), Started, 1);

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 12 * 1024);

        // Assert
        Assert.Equal(["small"], progress.Results.Keys);
        Assert.Equal(["big"], progress.OmittedResults);
    }

    [Fact]
    public void Build_NodeStates_ReportsEveryNode()
    {
        // Arrange
        var ledger = Ledger("a", "b", "c");
        ledger.TrySucceed("a", Content("done"), Started, 1);
        ledger.Start("b", Started, NodeStatus.Waiting);

        // Act
        var progress = ProgressReport.Build(RunStatus.Waiting, Started, ledger, 12 * 1024);

        // Assert
        Assert.Equal(NodeStatus.Succeeded, progress.Nodes["a"]);
        Assert.Equal(NodeStatus.Waiting, progress.Nodes["b"]);
        Assert.Equal(NodeStatus.Queued, progress.Nodes["c"]);
    }

    private static NodeLedger Ledger(params string[] ids) => new(ids.Select(id => (id, "basic-node")));

    private static JsonObject Content(string content) => new() { ["content"] = content };
}
