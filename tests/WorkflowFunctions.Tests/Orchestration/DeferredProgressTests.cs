using System.Text.Json;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class DeferredProgressTests
{
    [Fact]
    public void Serialize_DeferredProgress_WritesTheProgressItBuilds()
    {
        // Arrange
        var progress = new WorkflowRunProgress
        {
            Status = RunStatus.Running,
            StartedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Nodes = new Dictionary<string, NodeStatus> { ["a"] = NodeStatus.Running },
        };
        object deferred = new DeferredProgress(() => progress);

        // Act
        var json = JsonSerializer.Serialize(deferred);

        // Assert
        Assert.Equal(JsonSerializer.Serialize(progress), json);
    }

    [Fact]
    public void Serialize_DeferredProgress_BuildsWhenSerializedNotWhenCreated()
    {
        // Arrange
        var state = NodeStatus.Queued;
        object deferred = new DeferredProgress(() => new WorkflowRunProgress { Nodes = new Dictionary<string, NodeStatus> { ["a"] = state } });
        state = NodeStatus.Succeeded;

        // Act
        var read = JsonSerializer.Deserialize<WorkflowRunProgress>(JsonSerializer.Serialize(deferred))!;

        // Assert
        Assert.Equal(NodeStatus.Succeeded, read.Nodes["a"]);
    }
}
