using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>Pins the custom status wire shape the HTTP layer reads.</summary>
public sealed class WorkflowRunProgressTests
{
    [Fact]
    public void Serialize_Progress_UsesSnakeCaseNamesAndLowercaseStates()
    {
        // Arrange
        var progress = new WorkflowRunProgress
        {
            Status = RunStatus.Waiting,
            StartedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Nodes = new Dictionary<string, NodeStatus> { ["a"] = NodeStatus.Succeeded, ["b"] = NodeStatus.Waiting },
            Results = new Dictionary<string, JsonObject> { ["a"] = new() { ["content"] = "hi" } },
            OmittedResults = ["c"],
            ChildRuns = new Dictionary<string, string> { ["w"] = "run:w" },
            Seq = 6,
            Timeline = new Dictionary<string, NodeTimeline>
            {
                ["a"] = new() { Start = new EventMark(3, 10), Retries = [new RetryMark(4, 20, 2020, "flaky")], End = new EventMark(5, 2030) },
                ["b"] = new() { Start = new EventMark(6, 2040), Wait = new EventMark(7, 2040) },
            },
        };

        // Act
        var json = JsonSerializer.Serialize(progress);

        // Assert
        Assert.Equal(
            """{"status":"waiting","started_at":"2025-01-01T00:00:00Z","nodes":{"a":"succeeded","b":"waiting"},"results":"""
                + """{"a":{"content":"hi"}},"omitted_results":["c"],"child_runs":{"w":"run:w"},"errors":{},"seq":6,"timeline":"""
                + """{"a":{"start":[3,10],"wait":null,"retries":[[4,20,2020,"flaky"]],"end":[5,2030]},"b":"""
                + """{"start":[6,2040],"wait":[7,2040],"retries":null,"end":null}}}""",
            json);
    }

    [Fact]
    public void Serialize_QueuedProgress_HasItsPlaceInLineAndNoStart()
    {
        // Arrange
        var progress = new WorkflowRunProgress
        {
            Status = RunStatus.Queued,
            QueuePosition = 3,
            QueuedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Nodes = new Dictionary<string, NodeStatus> { ["a"] = NodeStatus.Queued },
        };

        // Act
        var json = JsonSerializer.Serialize(progress);

        // Assert
        Assert.StartsWith(
            """{"status":"queued","queue_position":3,"queued_at":"2025-01-01T00:00:00+00:00","nodes":{"a":"queued"},""",
            json,
            StringComparison.Ordinal);
        Assert.DoesNotContain("started_at", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SerializedProgress_RoundTripsNodeStates()
    {
        // Arrange
        var json = """{"status":"running","started_at":"2025-01-01T00:00:00Z","nodes":{"a":"cancelled"},"results":{},"omitted_results":[],"child_runs":{}}""";

        // Act
        var progress = JsonSerializer.Deserialize<WorkflowRunProgress>(json)!;

        // Assert
        Assert.Equal(RunStatus.Running, progress.Status);
        Assert.Equal(NodeStatus.Cancelled, progress.Nodes["a"]);
    }
}
