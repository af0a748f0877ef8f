using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>Pins the orchestration output's wire shape (reference 003 per-node objects plus run fields).</summary>
public sealed class WorkflowRunResultTests
{
    [Fact]
    public void Serialize_Result_UsesDocumentedFieldNames()
    {
        // Arrange
        var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var result = new WorkflowRunResult
        {
            RunId = "r",
            WorkflowId = "w",
            Version = 2,
            Status = RunStatus.Failed,
            StartedAt = at,
            CompletedAt = at,
            Nodes = new Dictionary<string, NodeRunRecord>
            {
                ["n"] = new() { Id = "n", Type = "basic-node", Status = NodeStatus.Failed, Error = "boom", StartedAt = at, CompletedAt = at, Attempts = 3 },
            },
            Outputs = new Dictionary<string, JsonObject>(),
            Output = null,
            Error = new RunError("n", "Node 'n' failed: boom"),
            Metrics = new RunMetrics { DurationMs = 5, TotalCost = 0.5m, InputTokens = 1, OutputTokens = 2 },
        };

        // Act
        var json = JsonSerializer.Serialize(result);

        // Assert
        var expected = """
            {
              "run_id": "r", "workflow_id": "w", "version": 2, "status": "failed",
              "started_at": "2025-01-01T00:00:00Z", "completed_at": "2025-01-01T00:00:00Z",
              "nodes": {
                "n": {
                  "id": "n", "type": "basic-node", "status": "failed", "result": null, "error": "boom",
                  "started_at": "2025-01-01T00:00:00Z", "completed_at": "2025-01-01T00:00:00Z", "attempts": 3, "child_run_id": null
                }
              },
              "outputs": {}, "output": null, "primary_node_id": null, "table": null,
              "error": { "node_id": "n", "message": "Node 'n' failed: boom" },
              "metrics": { "duration_ms": 5, "total_cost": 0.5, "input_tokens": 1, "output_tokens": 2, "sub_runs": 0, "node_executions": 0 },
              "stored": null, "child_runs": {}
            }
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)), json);
    }

    [Fact]
    public void Serialize_TableOfTheOutput_HasNodeColumnsRowsAndRange()
    {
        // Arrange
        var output = new JsonObject { ["content"] = """[{"name":"Alice","score":0.92},{"name":"Bob","score":0.85}]""" };
        var result = new WorkflowRunResult { Table = RunTable.From("o", output, start: 1, maxRows: 5) };

        // Act
        var table = JsonNode.Parse(JsonSerializer.Serialize(result))!["table"];

        // Assert
        var expected = """
            {
              "node_id": "o",
              "columns": [{"id": "name", "header": "Name", "type": "string"}, {"id": "score", "header": "Score", "type": "number"}],
              "rows": [{"name": "Bob", "score": 0.85}],
              "start": 1, "end": 2, "total_rows": 2
            }
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), table), table?.ToJsonString());
    }
}
