using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.Scale;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Api.Dialects.Scale;

/// <summary>
/// A session's state from run snapshots: cards in the plan's order without the trigger, <c>card-&lt;n&gt;</c> ids,
/// card types in the document's style, and the session and card words of docs/dialects/scale.md.
/// </summary>
public class ScaleMapperSessionTests
{
    // t (trigger) -> csv -> m -> f -> o, and a branch t -> side.
    private static readonly IReadOnlyList<PlannedNode> Plan =
    [
        new("t", "trigger-node", []),
        new("csv", "import-csv-node", ["t"]),
        new("side", "http-node", ["t"]),
        new("m", "map-rows-node", ["csv"]),
        new("f", "filter-rows-node", ["m"]),
        new("o", "output-node", ["f"]),
    ];

    [Fact]
    public void SessionState_RunningRun_CardsInPlanOrderWithoutTheTriggerAndTypesInTheDocumentsStyle()
    {
        // Arrange: the progress lists node states in its own order and knows no types.
        var run = Running(("o", NodeStatus.Queued), ("m", NodeStatus.Running), ("t", NodeStatus.Succeeded), ("csv", NodeStatus.Succeeded),
            ("side", NodeStatus.Queued), ("f", NodeStatus.Queued));

        // Act
        var json = Serialize(ScaleMapper.SessionState(run));

        // Assert
        var cards = json["cards"]!.AsArray();
        Assert.Equal(["card-0", "card-1", "card-2", "card-3", "card-4"], cards.Select(c => (string?)c!["id"]));
        Assert.Equal(["csv", "side", "m", "f", "o"], cards.Select(c => (string?)c!["context"]!["nodeId"]));
        Assert.Equal(["import_csv", "http", "map_rows", "filter_rows", "output"], cards.Select(c => (string?)c!["context"]!["cardType"]));
        Assert.Equal(["completed", "pending", "processing", "idle", "idle"], cards.Select(c => (string?)c!["status"]));
        Assert.Equal("processing", (string?)json["status"]);
    }

    [Fact]
    public void SessionState_QueuedCardsReadyAndNothingExecuting_PendingWork()
    {
        var run = Running(("t", NodeStatus.Succeeded), ("csv", NodeStatus.Queued), ("side", NodeStatus.Queued), ("m", NodeStatus.Queued),
            ("f", NodeStatus.Queued), ("o", NodeStatus.Queued));

        var json = Serialize(ScaleMapper.SessionState(run));

        Assert.Equal("pending_work", (string?)json["status"]);
        Assert.Equal(["pending", "pending", "idle", "idle", "idle"], json["cards"]!.AsArray().Select(c => (string?)c!["status"]));
    }

    [Theory]
    [InlineData(RunState.Pending)]
    [InlineData(RunState.Running)]
    public void SessionState_RunThatHasReportedNoNode_StartingWithEveryCardIdle(RunState state)
    {
        var run = Snapshot(RunStatus.Queued, state) with { Plan = Plan };

        var json = Serialize(ScaleMapper.SessionState(run));

        Assert.Equal("starting", (string?)json["status"]);
        Assert.Equal(5, json["cards"]!.AsArray().Count);
        Assert.All(json["cards"]!.AsArray(), c => Assert.Equal("idle", (string?)c!["status"]));
    }

    [Fact]
    public void SessionState_WaitingForApproval_Processing()
    {
        var run = Running(("t", NodeStatus.Succeeded), ("csv", NodeStatus.Waiting)) with { Status = RunStatus.Waiting };

        var json = Serialize(ScaleMapper.SessionState(run));

        Assert.Equal(("processing", "processing"), ((string?)json["status"], (string?)json["cards"]![0]!["status"]));
    }

    [Fact]
    public void SessionState_Succeeded_IdleWithCompletedCardsAndSkippedOnesIdle()
    {
        var run = Ended(RunStatus.Succeeded, null, ("t", NodeStatus.Succeeded), ("csv", NodeStatus.Succeeded), ("side", NodeStatus.Skipped),
            ("m", NodeStatus.Succeeded), ("f", NodeStatus.Succeeded), ("o", NodeStatus.Succeeded));

        var json = Serialize(ScaleMapper.SessionState(run));

        Assert.Equal("idle", (string?)json["status"]);
        Assert.Equal(["completed", "idle", "completed", "completed", "completed"], json["cards"]!.AsArray().Select(c => (string?)c!["status"]));
        Assert.All(json["cards"]!.AsArray(), c => Assert.False(c!.AsObject().ContainsKey("errorMessage")));
    }

    [Fact]
    public void SessionState_ACardFailed_IdleWithThatCardErroredAndCardsNeverStartedIdle()
    {
        // Arrange: m failed; f and o never started (cancelled without a start), side was running when the run stopped.
        var run = Ended(RunStatus.Failed, new RunError("m", "Node 'm' failed: row 3: HTTP 500"),
            ("t", NodeStatus.Succeeded), ("csv", NodeStatus.Succeeded), ("m", NodeStatus.Failed), ("f", NodeStatus.Cancelled), ("o", NodeStatus.Cancelled)) with
        {
            Nodes =
            [
                new("t", NodeStatus.Succeeded), new("csv", NodeStatus.Succeeded),
                new("side", NodeStatus.Cancelled) { StartedAt = DateTimeOffset.UnixEpoch, Error = "Cancelled because the run stopped: ..." },
                new("m", NodeStatus.Failed) { Error = "row 3: HTTP 500" },
                new("f", NodeStatus.Cancelled) { Error = "Cancelled because the run stopped: ..." },
                new("o", NodeStatus.Cancelled) { Error = "Cancelled because the run stopped: ..." },
            ],
        };

        // Act
        var json = Serialize(ScaleMapper.SessionState(run));

        // Assert
        var cards = json["cards"]!.AsArray();
        Assert.Equal("idle", (string?)json["status"]);
        Assert.Equal(["completed", "errored", "errored", "idle", "idle"], cards.Select(c => (string?)c!["status"]));
        Assert.Equal("row 3: HTTP 500", (string?)cards[2]!["errorMessage"]);
        Assert.Equal("Cancelled because the run stopped: ...", (string?)cards[1]!["errorMessage"]);
        Assert.Null(cards[3]!["errorMessage"]);
    }

    [Fact]
    public void SessionState_TheRunItselfFailed_ErroredWithTheRunningCardErrored()
    {
        var run = Ended(RunStatus.Failed, new RunError(null, "The run timed out after 900 s.")) with
        {
            Nodes = [new("t", NodeStatus.Succeeded), new("csv", NodeStatus.Succeeded), new("m", NodeStatus.Cancelled) { StartedAt = DateTimeOffset.UnixEpoch }],
        };

        var json = Serialize(ScaleMapper.SessionState(run));

        Assert.Equal("errored", (string?)json["status"]);
        Assert.Equal(("errored", "The run timed out after 900 s."), ((string?)json["cards"]![2]!["status"], (string?)json["cards"]![2]!["errorMessage"]));
    }

    [Theory]
    [InlineData(RunState.Completed)]
    [InlineData(RunState.Terminated)]
    public void SessionState_Cancelled_Inactive(RunState state)
    {
        var run = Snapshot(RunStatus.Cancelled, state) with { Plan = Plan, Error = new RunError(null, "Cancelled by request") };

        var json = Serialize(ScaleMapper.SessionState(run));

        Assert.Equal("inactive", (string?)json["status"]);
    }

    [Fact]
    public void SessionState_NoPlan_CardsAsTheRunReportsThem()
    {
        var run = Ended(RunStatus.Succeeded, null) with
        {
            Plan = null,
            Nodes = [new("t", NodeStatus.Succeeded) { Type = "trigger-node" }, new("llm", NodeStatus.Succeeded) { Type = "basic-node" }],
        };

        var json = Serialize(ScaleMapper.SessionState(run));

        var card = Assert.Single(json["cards"]!.AsArray());
        Assert.Equal(("card-0", "basic", "llm"), ((string?)card!["id"], (string?)card["context"]!["cardType"], (string?)card["context"]!["nodeId"]));
    }

    [Fact]
    public void SessionState_CompletedTableCard_OutputIsTheTableWithoutItsRows()
    {
        var table = JsonNode.Parse("""
            {"content":"Name\nAlice","type":"table","columns":[{"id":"name","header":"Name","type":"string"}],"rows":[{"name":"Alice"}],"row_count":1}
            """)!.AsObject();
        var run = Ended(RunStatus.Succeeded, null) with { Nodes = [new("t", NodeStatus.Succeeded), new("csv", NodeStatus.Succeeded) { Result = table }] };

        var json = Serialize(ScaleMapper.SessionState(run));

        var output = json["cards"]![0]!["output"]!;
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"type":"table","columns":[{"id":"name","header":"Name","type":"string"}],"row_count":1}"""), output),
            output.ToJsonString());
        Assert.Equal("{}", json["cards"]![1]!["output"]!.ToJsonString());
        Assert.Single(table["rows"]!.AsArray());
    }

    [Theory]
    [InlineData("import-csv-node", "import_csv")]
    [InlineData("map-rows-node", "map_rows")]
    [InlineData("basic-node", "basic")]
    [InlineData("if-else-node", "if_else")]
    [InlineData("custom", "custom")]
    [InlineData(null, "unknown")]
    public void CardType_NodeType_InTheDocumentsStyle(string? type, string cardType) => Assert.Equal(cardType, ScaleMapper.CardType(type));

    internal static JsonNode Serialize(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, value.GetType(), ScaleDialect.JsonOptions))!;

    private static RunSnapshot Snapshot(RunStatus status, RunState state) => new()
    {
        Id = "0781b175-2135-45ec-9063-ad3e0d929adc",
        AccountId = "acct",
        Status = status,
        State = state,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static RunSnapshot Running(params (string Id, NodeStatus Status)[] nodes) =>
        Snapshot(RunStatus.Running, RunState.Running) with { Plan = Plan, Nodes = [.. nodes.Select(n => new NodeSnapshot(n.Id, n.Status))] };

    private static RunSnapshot Ended(RunStatus status, RunError? error, params (string Id, NodeStatus Status)[] nodes) =>
        Snapshot(status, RunState.Completed) with
        {
            Plan = Plan,
            Nodes = [.. nodes.Select(n => new NodeSnapshot(n.Id, n.Status))],
            Error = error,
            Result = new WorkflowRunResult { Status = status, Error = error },
        };
}
