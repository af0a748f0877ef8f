using Microsoft.DurableTask;
using Moq;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration.Replay;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class ScheduledInputTests
{
    [Fact]
    public void Serialize_NewAction_WritesTheBuiltInput()
    {
        // Arrange
        var context = new Mock<TaskOrchestrationContext>();
        var input = new ScheduledInput(context.Object, () => new NodeExecutionRequest { RunId = "run-1", NodeId = "a" });

        // Act
        var json = DurablePayloadJson.Converter.Serialize(input);

        // Assert
        Assert.Equal(DurablePayloadJson.Converter.Serialize(new NodeExecutionRequest { RunId = "run-1", NodeId = "a" }), json);
    }

    [Fact]
    public void Serialize_Replaying_WritesNullWithoutBuilding()
    {
        // Arrange
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.IsReplaying).Returns(true);
        var built = 0;
        var input = new ScheduledInput(context.Object, () =>
        {
            built++;
            return new NodeExecutionRequest();
        });

        // Act
        var json = DurablePayloadJson.Converter.Serialize(input);

        // Assert
        Assert.Equal("null", json);
        Assert.Equal(0, built);
    }

    [Fact]
    public void Serialize_RetryScheduledLiveAfterReplayedAttempt_WritesTheBuiltInput()
    {
        // Arrange: the first attempt was replayed; the retry policy schedules the same input again once live.
        var replaying = true;
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.IsReplaying).Returns(() => replaying);
        var input = new ScheduledInput(context.Object, () => new NodeExecutionRequest { NodeId = "a" });
        var first = DurablePayloadJson.Converter.Serialize(input);

        // Act
        replaying = false;
        var retry = DurablePayloadJson.Converter.Serialize(input);

        // Assert
        Assert.Equal("null", first);
        Assert.Contains("\"node_id\":\"a\"", retry, StringComparison.Ordinal);
    }
}
