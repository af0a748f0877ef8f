using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Files;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Tests.Api.Files;

/// <summary><c>result.json</c> as written, member for member, and the refusals of the download.</summary>
public sealed class ResultFileViewTests
{
    private const string WorkflowId = "wf_0123456789abcdef01234567";
    private static readonly DateTimeOffset Created = new(2024, 1, 15, 10, 35, 0, TimeSpan.Zero);

    [Fact]
    public void From_AFailedRun_WritesEveryMemberInNativeWordsWithZTimestamps()
    {
        // Arrange
        var run = new RunSnapshot
        {
            Id = "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            AccountId = "acct",
            WorkflowId = WorkflowId,
            Version = 2,
            Status = RunStatus.Failed,
            State = RunState.Completed,
            CreatedAt = Created,
            StartedAt = Created.AddSeconds(1),
            CompletedAt = Created.AddSeconds(3.5),
            Nodes =
            [
                new NodeSnapshot("t", NodeStatus.Succeeded) { Type = "trigger-node", Result = new JsonObject { ["content"] = "{}" }, Attempts = 1 },
                new NodeSnapshot("h", NodeStatus.Failed) { Type = "http-node", Error = "boom", Attempts = 3 },
            ],
            Error = new RunError("h", "Node 'h' failed: boom"),
            Metrics = new RunMetrics { DurationMs = 2500, TotalCost = 0.25m, InputTokens = 7, OutputTokens = 3 },
        };

        // Act
        var json = JsonSerializer.Serialize(ResultFileView.From(run), ResultFileDialect.JsonOptions);

        // Assert
        var expected = $$$"""
            {"run_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","workflow_id":"{{{WorkflowId}}}","workflow_uuid":"{{{WorkflowUuids.Of(WorkflowId)}}}","version":2,
             "status":"failed","created_at":"2024-01-15T10:35:00Z","started_at":"2024-01-15T10:35:01Z","completed_at":"2024-01-15T10:35:03.500Z",
             "output":null,"outputs":{},
             "nodes":{"t":{"type":"trigger-node","status":"succeeded","result":{"content":"{}"},"error":null,
                           "started_at":null,"completed_at":null,"attempts":1},
                      "h":{"type":"http-node","status":"failed","result":null,"error":"boom","started_at":null,"completed_at":null,"attempts":3}},
             "metrics":{"duration_ms":2500,"total_cost":0.25,"input_tokens":7,"output_tokens":3},
             "error":{"node_id":"h","message":"Node 'h' failed: boom"}}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)), json);
    }

    [Fact]
    public void From_ASucceededRun_HasItsOutputAndOutputs()
    {
        var result = new WorkflowRunResult { Outputs = new Dictionary<string, JsonObject> { ["o"] = new() { ["content"] = "Hello Ada" } } };
        var run = new RunSnapshot
        {
            Id = "r", AccountId = "acct", WorkflowId = WorkflowId, Status = RunStatus.Succeeded, State = RunState.Completed, CreatedAt = Created,
            Output = "Hello Ada", Result = result,
        };

        var file = JsonNode.Parse(JsonSerializer.Serialize(ResultFileView.From(run), ResultFileDialect.JsonOptions))!;

        Assert.Equal(("succeeded", "Hello Ada", "Hello Ada"), ((string?)file["status"], (string?)file["output"], (string?)file["outputs"]!["o"]!["content"]));
        Assert.Null(file["error"]);
    }

    [Theory]
    [InlineData(FailureKind.Forbidden, 403)]
    [InlineData(FailureKind.NotFound, 404)]
    [InlineData(FailureKind.Unavailable, 503)]
    public void Render_AFailure_IsAnErrorBodyWithItsStatus(FailureKind kind, int status)
    {
        var response = ResultFileDialect.Instance.Render(new Failure(kind, "why"));

        Assert.Equal(status, response.Status);
        Assert.Equal("""{"error":"why"}""", JsonSerializer.Serialize(response.Body, response.Body!.GetType(), ResultFileDialect.JsonOptions));
    }
}
