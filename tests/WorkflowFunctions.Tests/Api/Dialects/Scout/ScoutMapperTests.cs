using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.Scout;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Tests.Api.Dialects.Scout;

/// <summary>Scout events from run snapshots and feed events, without a host: the envelope, state, errors and the empty config's hidden trigger.</summary>
public class ScoutMapperTests
{
    private const string RunId = "0781b175-2135-45ec-9063-ad3e0d929adc";
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Started_AnyRun_TheDocumentsEnvelopeWithAnEmptyStateAndNoPrice()
    {
        var json = Serialize(ScoutMapper.Started(Execution(), RunId, At));

        Assert.Equal(
            """
            {"organization_id":"acct","id":"evt_0781b175213545ec9063ad3e0d929adc_1","correlation_id":"corr_0781b175213545ec9063ad3e0d929adc",
            "name":"workflow_run_started","environment":"development","timestamp":"2026-01-01T12:00:00Z",
            "data":{"actor":{"id":"key1","type":"external"},"workflow_id":"inline","workflow_run_id":"0781b175-2135-45ec-9063-ad3e0d929adc",
            "inputs":{"a":1},"session_id":"sess_1","state":{},"workflow_config":{},"price":0},"price":"0.00","event_type":"workflow_event","version":"1.0"}
            """.Replace("\n", string.Empty, StringComparison.Ordinal),
            json.ToJsonString());
    }

    [Fact]
    public void Final_FailedRun_StateOfTheBlocksThatSucceededPriceAndTheFailingBlock()
    {
        // Arrange
        var run = Snapshot(RunStatus.Failed) with
        {
            Nodes =
            [
                Node("t", NodeStatus.Succeeded, """{"content":"in"}"""),
                Node("x", NodeStatus.Failed, null) with { Error = "boom" },
                Node("o", NodeStatus.Skipped, null)
            ],
            Error = new RunError("x", "Node 'x' failed: boom"),
            Metrics = new RunMetrics { TotalCost = 1.1m },
            Seq = 7,
        };

        // Act
        var json = Serialize(ScoutMapper.Final(Execution(), run));

        // Assert
        Assert.Equal(
            ("workflow_run_failed", "evt_0781b175213545ec9063ad3e0d929adc_7", "1.10"),
            ((string?)json["name"], (string?)json["id"], (string?)json["price"]));
        Assert.Equal("""{"t":{"content":"in"}}""", json["data"]!["state"]!.ToJsonString());
        Assert.Equal(("Node 'x' failed: boom", "x"), ((string?)json["data"]!["error"]!["message"], (string?)json["data"]!["error"]!["block_id"]));
        Assert.Equal(1.1m, (decimal)json["data"]!["price"]!);
    }

    [Fact]
    public void Event_BlockCompleted_CarriesTheBlockItsOutputAndTheStateSoFar()
    {
        var state = new JsonObject { ["t"] = new JsonObject { ["content"] = "in" }, ["h"] = new JsonObject { ["content"] = "out", ["cost"] = 0.25 } };
        var feed = new RunEvent(5, RunEventType.NodeSucceeded, RunId, At)
        {
            NodeId = "h",
            NodeType = "http-node",
            Result = new JsonObject { ["content"] = "out" },
        };

        var json = Serialize(ScoutMapper.Event(Execution(), feed, state)!);

        Assert.Equal("block_run_completed", (string?)json["name"]);
        Assert.Equal(
            ("h", "http-node", "out"),
            ((string?)json["data"]!["block_id"], (string?)json["data"]!["block_type"], (string?)json["data"]!["output"]!["content"]));
        Assert.Equal(["t", "h"], json["data"]!["state"]!.AsObject().Select(p => p.Key));
        Assert.Equal("0.25", (string?)json["price"]);
    }

    [Fact]
    public void Event_NoScoutWordOrTheEmptyConfigsTrigger_Null()
    {
        var hidden = Execution() with { HidesStart = true };

        Assert.Null(ScoutMapper.Event(Execution(), new RunEvent(2, RunEventType.RunStarted, RunId, At), []));
        Assert.Null(ScoutMapper.Event(hidden, new RunEvent(3, RunEventType.NodeStarted, RunId, At) { NodeId = ScoutConfig.EmptyStartId }, []));
        Assert.NotNull(ScoutMapper.Event(Execution(), new RunEvent(3, RunEventType.NodeStarted, RunId, At) { NodeId = ScoutConfig.EmptyStartId }, []));
    }

    [Fact]
    public void State_EmptyConfig_LeavesTheLoneTriggerOut()
    {
        var run = Snapshot(RunStatus.Succeeded) with { Nodes = [Node(ScoutConfig.EmptyStartId, NodeStatus.Succeeded, "{}")] };

        Assert.Empty(ScoutMapper.State(Execution() with { HidesStart = true }, run));
        Assert.Single(ScoutMapper.State(Execution(), run));
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"nodes": [], "edges": [], "start_node": ""}""", true)]
    [InlineData("""{"viewport": {"x": 0}}""", true)]
    [InlineData("""{"start_node": "t"}""", false)]
    [InlineData("""{"nodes": [{"id": "t", "type": "trigger-node"}]}""", false)]
    public void IsEmpty_ConfigWithoutNodesEdgesOrStart_IsTheEmptyWorkflow(string config, bool empty) =>
        Assert.Equal(empty, ScoutConfig.IsEmpty(JsonDocument.Parse(config).RootElement));

    [Fact]
    public void Definition_EmptyConfig_ALoneTriggerKeepingTheOtherMembers()
    {
        var definition = ScoutConfig.Definition(JsonDocument.Parse("""{"viewport": {"x": 1}}""").RootElement);

        Assert.Equal(
            """{"viewport":{"x":1},"start_node":"start","nodes":[{"id":"start","type":"trigger-node","data":{}}],"edges":[]}""",
            definition.GetRawText());
    }

    private static ScoutExecution Execution() =>
        new("acct", "key1", ScoutExecution.InlineWorkflowId, "development", "sess_1", new JsonObject { ["a"] = 1 }, new JsonObject(), null, false);

    private static RunSnapshot Snapshot(RunStatus status) => new()
    {
        Id = RunId,
        AccountId = "acct",
        Status = status,
        State = RunState.Completed,
        CreatedAt = At,
        CompletedAt = At.AddSeconds(2),
    };

    private static NodeSnapshot Node(string id, NodeStatus status, string? result) =>
        new(id, status) { Result = result is null ? null : JsonNode.Parse(result)!.AsObject() };

    private static JsonNode Serialize(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, value.GetType(), ScoutDialect.JsonOptions))!;
}
