using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
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

    [Fact]
    public void Build_ResultsOverBudget_KeepsTheNewest()
    {
        // Arrange: three results of 5 KB; the 12 KB budget holds two.
        var ledger = Ledger("first", "second", "third");
        foreach (var id in new[] { "first", "second", "third" })
        {
            ledger.TrySucceed(id, Content(new string('x', 5 * 1024)), Started, 1);
        }

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 12 * 1024);

        // Assert
        Assert.Equal(["second", "third"], progress.Results.Keys);
        Assert.Equal(["first"], progress.OmittedResults);
    }

    [Fact]
    public void Build_NodeEvents_CarriesEachNodesTimelineAndTheLatestNumber()
    {
        // Arrange
        var ledger = new NodeLedger([("a", "basic-node"), ("b", "approval-node"), ("c", "basic-node")], runStartedAt: Started);
        ledger.Start("a", Started.AddMilliseconds(10));
        ledger.Retry("a", Started.AddMilliseconds(20), Started.AddMilliseconds(2020), "flaky");
        ledger.TrySucceed("a", Content("done"), Started.AddMilliseconds(2030), 2);
        ledger.Start("b", Started.AddMilliseconds(2040), NodeStatus.Waiting);
        ledger.Skip("c", Started.AddMilliseconds(2040));

        // Act
        var progress = ProgressReport.Build(RunStatus.Waiting, Started, ledger, 12 * 1024);

        // Assert
        Assert.Equal(8, progress.Seq);
        Assert.Equal((new EventMark(3, 10), new EventMark(5, 2030)), (progress.Timeline["a"].Start, progress.Timeline["a"].End));
        Assert.Equal(new RetryMark(4, 20, 2020, "flaky"), progress.Timeline["a"].Retries!.Single());
        Assert.Equal(
            (new EventMark(6, 2040), new EventMark(7, 2040), (EventMark?)null),
            (progress.Timeline["b"].Start, progress.Timeline["b"].Wait, progress.Timeline["b"].End));
        Assert.Equal(((EventMark?)null, new EventMark(8, 2040)), (progress.Timeline["c"].Start, progress.Timeline["c"].End));
    }

    [Fact]
    public void Build_StatesAndTimelinesOverBudget_LeavesTimelinesOutKeepsTheNumber()
    {
        // Arrange: 120 nodes with long ids: their states fit 12 KB, states and timelines together do not.
        var ids = Enumerable.Range(0, 120).Select(i => $"node-{i:D3}-{new string('n', 50)}").ToArray();
        var ledger = new NodeLedger(ids.Select(id => (id, "basic-node")), runStartedAt: Started);
        foreach (var id in ids)
        {
            ledger.Start(id, Started.AddSeconds(1));
        }

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 12 * 1024);

        // Assert
        Assert.True(ProgressReport.Measure(progress) <= 12 * 1024);
        Assert.Empty(progress.Timeline);
        Assert.Equal(2 + 120, progress.Seq);
        Assert.Equal(120, progress.Nodes.Count);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Build_StatusWithTimelinesAtTheBudget_KeepsThemOnlyUpToTheLastByte(int slack, bool kept)
    {
        // Arrange: 120 started nodes, a status of about 15 KB with their timelines; the exact size decides.
        var ids = Enumerable.Range(0, 120).Select(i => $"node-{i:D3}-{new string('n', 50)}").ToArray();
        var ledger = new NodeLedger(ids.Select(id => (id, "basic-node")), runStartedAt: Started);
        foreach (var id in ids)
        {
            ledger.Start(id, Started.AddSeconds(1));
        }

        var whole = ProgressReport.Measure(ProgressReport.Build(RunStatus.Running, Started, ledger, int.MaxValue));

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, whole + slack);

        // Assert
        Assert.Equal(kept ? 120 : 0, progress.Timeline.Count);
        Assert.True(ProgressReport.Measure(progress) <= whole + slack);
    }

    [Fact]
    public void Build_ThousandNodesWithResults_StaysUnderTheFunctionsHostLimit()
    {
        // Arrange: 1,000 nodes with UUID IDs (states alone about 50 KB), 600 succeeded with 1 KB results, two in flight.
        var ids = Enumerable.Range(0, 1000).Select(i => new Guid(i, 0, 0, new byte[8]).ToString()).ToArray();
        var ledger = new NodeLedger(ids.Select(id => (id, "basic-node")), runStartedAt: Started);
        foreach (var id in ids[..600])
        {
            ledger.Start(id, Started.AddSeconds(1));
            ledger.TrySucceed(id, Content(new string('r', 1024)), Started.AddSeconds(2), 1);
        }

        ledger.Start(ids[998], Started.AddSeconds(3));
        ledger.Start(ids[999], Started.AddSeconds(3), NodeStatus.Waiting);

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, new OrchestrationOptions().CustomStatusBudgetBytes);

        // Assert: the host fails an orchestration whose custom status is over 16 KB of UTF-16.
        var written = DurablePayloadJson.Converter.Serialize(progress)!;
        Assert.InRange(System.Text.Encoding.Unicode.GetByteCount(written), 1, 16 * 1024);
        Assert.Equal(NodeStatus.Running, progress.Nodes[ids[998]]);
        Assert.Equal(NodeStatus.Waiting, progress.Nodes[ids[999]]);
        Assert.InRange(progress.Nodes.Count, 3, 999);
        Assert.Equal(ids.Where(progress.Nodes.ContainsKey), progress.Nodes.Keys);
        Assert.Empty(progress.Timeline);
        Assert.Equal(ledger.LastSeq, progress.Seq);
    }

    [Fact]
    public void Build_NonAsciiNodeIdsOverBudget_TakesBackWhatEscapingAdded()
    {
        // Arrange: emoji IDs, escaped by the writer to twelve characters each where the estimate counts four bytes.
        var ids = Enumerable.Range(0, 400).Select(i => char.ConvertFromUtf32(0x1F600 + (i % 50)) + i).ToArray();
        var ledger = new NodeLedger(ids.Select(id => (id, "basic-node")), runStartedAt: Started);
        foreach (var id in ids)
        {
            ledger.TrySucceed(id, Content(char.ConvertFromUtf32(0x1F680) + "done"), Started, 1);
        }

        // Act
        var progress = ProgressReport.Build(RunStatus.Running, Started, ledger, 4096);

        // Assert
        Assert.InRange(ProgressReport.Measure(progress), 1, 4096);
        Assert.NotEmpty(progress.Nodes);
    }

    [Fact]
    public void Defaults_CustomStatusBudget_FitsTheFunctionsHostLimitInUtf16()
    {
        Assert.InRange(new OrchestrationOptions().CustomStatusBudgetBytes * 2, 2048, 16 * 1024);
    }

    private static NodeLedger Ledger(params string[] ids) => new(ids.Select(id => (id, "basic-node")));

    private static JsonObject Content(string content) => new() { ["content"] = content };
}
