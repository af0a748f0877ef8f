using System.Text.Json;
using Moq;
using WorkflowFunctions.Orchestration.Replay;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>What the orchestrator does differently while the Durable worker replays its history.</summary>
public sealed class WorkflowOrchestratorReplayTests
{
    [Fact]
    public void RunAsync_Replaying_SetsDeferredStatus()
    {
        // Arrange
        var graph = new GraphBuilder().Trigger("t", "a", "b").Llm("a", "A").Llm("b", "B").Build();
        using var replay = new OrchestrationHarness();
        object? status = null;
        replay.Context.SetupGet(c => c.IsReplaying).Returns(true);
        replay.Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? s) => status = s);

        // Act
        replay.Start(graph);

        // Assert
        Assert.IsType<DeferredProgress>(status);
    }

    [Fact]
    public void RunAsync_Replaying_StatusSerializesLikeTheLiveStatus()
    {
        // Arrange
        var graph = new GraphBuilder().Trigger("t", "a", "b").Llm("a", "A").Llm("b", "B").Build();
        using var live = new OrchestrationHarness();
        live.Start(graph);
        live.Succeed("a");
        using var replay = new OrchestrationHarness();
        object? replayed = null;
        replay.Context.SetupGet(c => c.IsReplaying).Returns(true);
        replay.Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? s) => replayed = s);
        replay.Start(graph);

        // Act
        replay.Succeed("a");

        // Assert
        Assert.Equal(JsonSerializer.Serialize(live.Status), JsonSerializer.Serialize(replayed));
    }
}
