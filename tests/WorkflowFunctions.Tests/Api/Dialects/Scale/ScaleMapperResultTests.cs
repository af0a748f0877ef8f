using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.Scale;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Tests.Api.Dialects.Scale;

/// <summary>A session's result: the run's table in the document's shape once it has ended, the same shape with no rows before.</summary>
public class ScaleMapperResultTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Result_SucceededTableRun_TheDocumentsShapeWithTheStateBeside()
    {
        // Arrange: the output node's result is a table; the read side derives the run's table from it.
        var table = JsonNode.Parse("""
            {"content":"Name,Score\nAlice,0.92\nBob,0.85","type":"table",
             "columns":[{"id":"name","header":"Name","type":"string"},{"id":"score","header":"Score","type":"number"}],
             "rows":[{"name":"Alice","score":0.92},{"name":"Bob","score":0.85}],"row_count":2}
            """)!.AsObject();
        var result = new WorkflowRunResult
        {
            Status = RunStatus.Succeeded,
            PrimaryNodeId = "o",
            Nodes = new Dictionary<string, NodeRunRecord> { ["o"] = new() { Id = "o", Type = "output-node", Status = NodeStatus.Succeeded, Result = table } },
            Metrics = new RunMetrics { DurationMs = 3210 },
        }.WithTable();
        var run = Snapshot(RunStatus.Succeeded, RunState.Completed) with
        {
            Nodes = [new("t", NodeStatus.Succeeded) { Type = "trigger-node" }, new("o", NodeStatus.Succeeded) { Type = "output-node", Result = table }],
            Result = result,
            Metrics = result.Metrics,
        };

        // Act
        var json = ScaleMapperSessionTests.Serialize(ScaleMapper.Result(run, Start.AddHours(1)));

        // Assert: the document's example, then what this service adds.
        var expected = JsonNode.Parse("""
            {"data": [{"name": "Alice", "score": 0.92}, {"name": "Bob", "score": 0.85}],
             "schema": [{"id": "name", "header": "Name", "type": "string"}, {"id": "score", "header": "Score", "type": "number"}],
             "start": 0, "end": 2,
             "result": {"summary": {"totalNumberOfRows": 2, "executionDurationMillis": 3210}},
             "sessionState": {"status": "idle", "cards": [{"id": "card-0", "context": {"cardType": "output", "nodeId": "o"}, "status": "completed",
               "output": {"type": "table", "row_count": 2,
                 "columns": [{"id": "name", "header": "Name", "type": "string"}, {"id": "score", "header": "Score", "type": "number"}]}}]},
             "timedOut": false}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void Result_MoreRowsThanTheResultHolds_EndBelowTheTotal()
    {
        var rows = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);
        var columns = JsonNode.Parse("""[{"id":"n","header":"N","type":"number"}]""");
        var table = new JsonObject { ["content"] = "", ["type"] = "table", ["columns"] = columns, ["rows"] = rows };
        var result = new WorkflowRunResult
        {
            Status = RunStatus.Succeeded,
            PrimaryNodeId = "o",
            Nodes = new Dictionary<string, NodeRunRecord> { ["o"] = new() { Id = "o", Status = NodeStatus.Succeeded, Result = table } },
        }.WithTable(maxRows: 3);
        var run = Snapshot(RunStatus.Succeeded, RunState.Completed) with { Result = result };

        var json = ScaleMapperSessionTests.Serialize(ScaleMapper.Result(run, Start));

        Assert.Equal(
            (3, 0, 3, 5),
            (json["data"]!.AsArray().Count, (int)json["start"]!, (int)json["end"]!, (int)json["result"]!["summary"]!["totalNumberOfRows"]!));
    }

    [Fact]
    public void Result_TextOutput_OneRowInAnOutputColumn()
    {
        var result = new WorkflowRunResult
        {
            Status = RunStatus.Succeeded,
            PrimaryNodeId = "o",
            Nodes = new Dictionary<string, NodeRunRecord>
                {
                    ["o"] = new() { Id = "o", Status = NodeStatus.Succeeded, Result = new JsonObject { ["content"] = "Hi!" } },
                },
        }.WithTable();
        var run = Snapshot(RunStatus.Succeeded, RunState.Completed) with { Result = result };

        var json = ScaleMapperSessionTests.Serialize(ScaleMapper.Result(run, Start));

        Assert.Equal("""[{"output":"Hi!"}]""", json["data"]!.ToJsonString());
        Assert.Equal("""[{"id":"output","header":"Output","type":"string"}]""", json["schema"]!.ToJsonString());
    }

    [Fact]
    public void Result_RunStillRunningWhenTheWaitEnds_SameShapeWithoutRowsTimedOutAndTheTimeSoFar()
    {
        var run = Snapshot(RunStatus.Running, RunState.Running) with
        {
            StartedAt = Start,
            Nodes = [new("t", NodeStatus.Succeeded), new("m", NodeStatus.Running)],
        };

        var json = ScaleMapperSessionTests.Serialize(ScaleMapper.Result(run, Start.AddSeconds(2)));

        Assert.Empty(json["data"]!.AsArray());
        Assert.Empty(json["schema"]!.AsArray());
        Assert.Equal((0, 0, 0, 2000L), ((int)json["start"]!, (int)json["end"]!, (int)json["result"]!["summary"]!["totalNumberOfRows"]!,
            (long)json["result"]!["summary"]!["executionDurationMillis"]!));
        Assert.True((bool)json["timedOut"]!);
        Assert.Equal("processing", (string?)json["sessionState"]!["status"]);
    }

    [Fact]
    public void Result_CancelledWithoutOutput_EmptyDataAndInactive()
    {
        var run = Snapshot(RunStatus.Cancelled, RunState.Terminated) with
        {
            StartedAt = Start,
            CompletedAt = Start.AddSeconds(1),
            Error = new RunError(null, "stop"),
        };

        var json = ScaleMapperSessionTests.Serialize(ScaleMapper.Result(run, Start.AddHours(1)));

        Assert.Empty(json["data"]!.AsArray());
        Assert.False((bool)json["timedOut"]!);
        Assert.Equal(("inactive", 1000L), ((string?)json["sessionState"]!["status"], (long)json["result"]!["summary"]!["executionDurationMillis"]!));
    }

    private static RunSnapshot Snapshot(RunStatus status, RunState state) => new()
    {
        Id = "0781b175-2135-45ec-9063-ad3e0d929adc",
        AccountId = "acct",
        Status = status,
        State = state,
        CreatedAt = Start,
    };
}
