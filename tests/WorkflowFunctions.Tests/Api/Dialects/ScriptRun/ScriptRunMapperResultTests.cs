using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.ScriptRun;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptRun;

/// <summary>
/// <c>workflow_result/</c> from run snapshots: node map keyed by node id with the document's words, results whose
/// <c>content</c> is always a string, metrics once finished, and never an ended run with an empty node map.
/// </summary>
public class ScriptRunMapperResultTests
{
    private const string RunId = "0781b175-2135-45ec-9063-ad3e0d929adc";

    [Fact]
    public void Result_SucceededRun_ShowsRanNodesWithResultsAndCostAndLeavesSkippedOut()
    {
        // Arrange
        var run = Finished(RunStatus.Succeeded, 0.0032m,
            Node("t", NodeStatus.Succeeded, new JsonObject { ["content"] = "{\"category\":\"positive\"}" }),
            Node("if", NodeStatus.Succeeded, new JsonObject { ["content"] = "true", ["branch"] = "true" }),
            Node("llm", NodeStatus.Succeeded, new JsonObject { ["content"] = "Hi!", ["cost"] = 0.0032 }),
            Node("other", NodeStatus.Skipped, null));

        // Act
        var json = Serialize(ScriptRunMapper.Result(run));

        // Assert: the document's full response schema, with the native result's other fields kept.
        var expected = JsonNode.Parse("""
            {"data": {"id": "0781b175-2135-45ec-9063-ad3e0d929adc", "status": "succeed", "data": {
               "t": {"id": "t", "status": "succeed", "result": {"content": "{\"category\":\"positive\"}"}},
               "if": {"id": "if", "status": "succeed", "result": {"content": "true", "branch": "true"}},
               "llm": {"id": "llm", "status": "succeed", "result": {"content": "Hi!", "cost": 0.0032}}},
             "metrics": {"total_cost": 0.0032}},
             "status": 200}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void Result_FailedRun_FailedAndCancelledNodesCarryTheirErrorAndTheRunItsOwn()
    {
        var run = Finished(RunStatus.Failed, 0m,
            Node("t", NodeStatus.Succeeded, new JsonObject { ["content"] = "{}" }),
            Node("http", NodeStatus.Failed, null) with { Error = "HTTP 500 from api.example.com" },
            Node("after", NodeStatus.Cancelled, null)) with { Error = new RunError("http", "HTTP 500 from api.example.com") };

        var data = Serialize(ScriptRunMapper.Result(run))["data"]!;

        Assert.Equal("failed", (string?)data["status"]);
        Assert.Equal("HTTP 500 from api.example.com", (string?)data["error"]);
        Assert.Equal(("failed", "HTTP 500 from api.example.com"), ((string?)data["data"]!["http"]!["status"], (string?)data["data"]!["http"]!["error"]));
        Assert.Equal("failed", (string?)data["data"]!["after"]!["status"]);
        Assert.Null(data["data"]!["http"]!["result"]);
    }

    [Theory]
    [InlineData("""{"content": {"key": "value"}}""", """{"key":"value"}""")]
    [InlineData("""{"content": 42}""", "42")]
    [InlineData("""{"status_code": 200}""", """{"status_code":200}""")]
    public void Result_ContentThatIsNotText_IsItsJsonText(string result, string content)
    {
        var run = Finished(RunStatus.Succeeded, 0m, Node("n", NodeStatus.Succeeded, JsonNode.Parse(result)!.AsObject()));

        var data = Serialize(ScriptRunMapper.Result(run))["data"]!;

        Assert.Equal(content, (string?)data["data"]!["n"]!["result"]!["content"]);
    }

    [Fact]
    public void Result_RunningRun_IsInProgressWithoutMetricsAndQueuedNodesInQueue()
    {
        var run = Snapshot(RunStatus.Running, RunState.Running) with
        {
            Nodes =
                [
                    Node("t", NodeStatus.Succeeded, new JsonObject { ["content"] = "x" }),
                    Node("llm", NodeStatus.Running, null),
                    Node("o", NodeStatus.Queued, null),
                ],
        };

        var data = Serialize(ScriptRunMapper.Result(run))["data"]!;

        Assert.Equal("in progress", (string?)data["status"]);
        Assert.Equal(["succeed", "in progress", "in queue"], data["data"]!.AsObject().Select(n => (string?)n.Value!["status"]));
        Assert.False(data.AsObject().ContainsKey("metrics"));
        Assert.False(data.AsObject().ContainsKey("error"));
    }

    [Fact]
    public void Result_QueuedRun_IsInQueueWithAnEmptyMap()
    {
        var data = Serialize(ScriptRunMapper.Result(Snapshot(RunStatus.Queued, RunState.Pending)))["data"]!;

        Assert.Equal("in queue", (string?)data["status"]);
        Assert.Empty(data["data"]!.AsObject());
    }

    [Fact]
    public void Result_TerminatedRunWithItsLastNodes_ShowsThemFailedWithTheReason()
    {
        var run = Snapshot(RunStatus.Cancelled, RunState.Terminated) with
        {
            Nodes = [Node("t", NodeStatus.Succeeded, new JsonObject { ["content"] = "{}" }), Node("gate", NodeStatus.Cancelled, null)],
            Error = new RunError(null, "Cancelled by request"),
        };

        var data = Serialize(ScriptRunMapper.Result(run))["data"]!;

        Assert.Equal("failed", (string?)data["status"]);
        Assert.Equal(("failed", "Cancelled by request"), ((string?)data["data"]!["gate"]!["status"], (string?)data["data"]!["gate"]!["error"]));
        Assert.False(data.AsObject().ContainsKey("metrics"));
    }

    [Theory]
    [InlineData(RunStatus.Cancelled, RunState.Terminated)]
    [InlineData(RunStatus.Failed, RunState.Faulted)]
    [InlineData(RunStatus.Cancelled, RunState.NotStarted)]
    public void Result_EndedRunWithoutAnyNode_IsNeverAnEmptyMap(RunStatus status, RunState state)
    {
        // A client of the document waits for a non-empty data.data once the status is terminal.
        var run = Snapshot(status, state) with { Error = new RunError(null, "stopped") };

        var data = Serialize(ScriptRunMapper.Result(run))["data"]!;

        var only = Assert.Single(data["data"]!.AsObject());
        Assert.Equal(RunId, only.Key);
        Assert.Equal(("failed", "stopped"), ((string?)only.Value!["status"], (string?)only.Value["error"]));
    }

    [Fact]
    public void NotFoundResult_IsHttp400WithTheNotFoundWordAndAnInner404()
    {
        var response = ScriptRunMapper.NotFoundResult(RunId);

        var json = Serialize(response.Body!);
        Assert.Equal(400, response.Status);
        Assert.Equal((404, "not found", RunId), ((int?)json["status"], (string?)json["data"]!["status"], (string?)json["data"]!["id"]));
        Assert.Empty(json["data"]!["data"]!.AsObject());
        Assert.NotNull((string?)json["detail"]);
    }

    private static JsonNode Serialize(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, value.GetType(), ScriptRunDialect.JsonOptions))!;

    private static NodeSnapshot Node(string id, NodeStatus status, JsonObject? result) => new(id, status) { Result = result };

    private static RunSnapshot Snapshot(RunStatus status, RunState state) => new()
    {
        Id = RunId,
        AccountId = "acct",
        Status = status,
        State = state,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static RunSnapshot Finished(RunStatus status, decimal cost, params NodeSnapshot[] nodes) => Snapshot(status, RunState.Completed) with
    {
        Nodes = nodes,
        Result = new WorkflowRunResult { Status = status, Metrics = new RunMetrics { TotalCost = cost } },
    };
}
