using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class WorkflowOrchestratorTests
{
    private static readonly DateTime Now = OrchestrationHarness.Now;

    [Fact]
    public void RunAsync_Start_SchedulesEveryNodeReadyAfterTrigger()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a", "b").Llm("a", "A").Llm("b", "B").Build();

        // Act
        harness.Start(graph);

        // Assert
        Assert.Equal(["a", "b"], harness.ScheduledNodes);
    }

    [Fact]
    public void RunAsync_NodeFinishes_SuccessorScheduledWhileSiblingStillRuns()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a", "b").Llm("a", "A", next: "c").Llm("b", "B").Llm("c", "C").Build();
        harness.Start(graph);

        // Act
        harness.Succeed("a");

        // Assert
        Assert.Equal(["a", "b", "c"], harness.ScheduledNodes);
        Assert.False(harness.Activities["b"].Task.IsCompleted);
    }

    [Fact]
    public void RunAsync_JoinWithOnePredecessorDone_JoinNotScheduled()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a", "b").Llm("a", "A", next: "c").Llm("b", "B", next: "c").Llm("c", "C").Build();
        harness.Start(graph);

        // Act
        harness.Succeed("b");

        // Assert
        Assert.DoesNotContain("c", harness.ScheduledNodes);
    }

    [Fact]
    public void RunAsync_NodeRetrySettings_PassesRetryPolicyFromNodeData()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var retry = new JsonObject { ["retry"] = new JsonObject { ["max_attempts"] = 4, ["backoff_seconds"] = 3 } };
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", extra: retry).Build();

        // Act
        harness.Start(graph);

        // Assert
        var policy = harness.Scheduled.Single().Options!.Retry!.Policy!;
        Assert.Equal((4, TimeSpan.FromSeconds(3)), (policy.MaxNumberOfAttempts, policy.FirstRetryInterval));
    }

    [Fact]
    public void RunAsync_NodeWithoutRetrySettings_PassesServiceDefaultRetryPolicy()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var options = new OrchestrationOptions { DefaultMaxAttempts = 5, DefaultBackoffSeconds = 1, BackoffCoefficient = 3 };

        // Act
        harness.Start(graph, options: options);

        // Assert
        var policy = harness.Scheduled.Single().Options!.Retry!.Policy!;
        Assert.Equal((5, TimeSpan.FromSeconds(1), 3.0), (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient));
    }

    [Fact]
    public void RunAsync_NodeTimeout_PassesPerAttemptTimeoutToActivityWithoutNodeTimer()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", extra: new JsonObject { ["timeout_seconds"] = 30 }).Build();

        // Act
        harness.Start(graph, new RunOptions { TimeoutSeconds = 600 });

        // Assert
        Assert.Equal(30, harness.Requests["a"].TimeoutSeconds);
        Assert.Equal([Now.AddSeconds(600)], harness.Timers.Select(t => t.FireAt));
    }

    [Fact]
    public void RunAsync_RunTimeoutOption_CreatesRunTimerAtDeadline()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();

        // Act
        harness.Start(graph, new RunOptions { TimeoutSeconds = 60 });

        // Assert
        Assert.Equal(Now.AddSeconds(60), harness.Timers[0].FireAt);
    }

    [Fact]
    public void RunAsync_RunTimeoutAboveMaximum_CapsRunTimerAtMaximum()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();

        // Act
        harness.Start(graph, new RunOptions { TimeoutSeconds = 10_000_000 });

        // Assert
        Assert.Equal(Now.AddHours(24), harness.Timers[0].FireAt);
    }

    [Fact]
    public async Task RunAsync_RunTimerFires_RunFailsAndRunningNodeCancelled()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var run = harness.Start(graph, new RunOptions { TimeoutSeconds = 60 });

        // Act
        harness.Fire(Now.AddSeconds(60));

        // Assert
        var result = await run;
        Assert.Equal((RunStatus.Failed, NodeStatus.Cancelled), (result.Status, result.Nodes["a"].Status));
    }

    [Fact]
    public async Task RunAsync_RunSucceeds_CancelsRunTimer()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var run = harness.Start(graph);

        // Act
        harness.Succeed("a");

        // Assert
        Assert.Equal(RunStatus.Succeeded, (await run).Status);
        Assert.All(harness.Timers, t => Assert.True(t.Task.Task.IsCanceled));
    }

    [Fact]
    public void RunAsync_WhileNodesRun_CustomStatusShowsRunningAndQueuedNodes()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", next: "b").Llm("b", "B").Build();

        // Act
        harness.Start(graph);

        // Assert
        var status = harness.Status!;
        Assert.Equal(RunStatus.Running, status.Status);
        Assert.Equal((NodeStatus.Succeeded, NodeStatus.Running, NodeStatus.Queued), (status.Nodes["t"], status.Nodes["a"], status.Nodes["b"]));
    }

    [Fact]
    public async Task RunAsync_RunCompletes_ClearsCustomStatus()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var run = harness.Start(graph);

        // Act
        harness.Succeed("a");

        // Assert
        Assert.Equal(RunStatus.Succeeded, (await run).Status);
        Assert.True(harness.StatusCleared);
        Assert.DoesNotContain(harness.Statuses, s => s.Status == RunStatus.Succeeded);
    }

    [Fact]
    public void RunAsync_IndexedRunFinishing_ShowsFinalStatusWhileItsEndIsRecorded()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var recording = new TaskCompletionSource<IReadOnlyList<string>?>();
        harness.Context.Setup(c => c.CallActivityAsync<IReadOnlyList<string>?>(
                FunctionNames.RecordRunCompletion, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(recording.Task);
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var run = harness.Start(graph, index: new RunIndexEntry { CreatedAt = Now });

        // Act
        harness.Succeed("a");

        // Assert
        Assert.False(run.IsCompleted);
        Assert.Equal((RunStatus.Succeeded, false), (harness.Status!.Status, harness.StatusCleared));
        recording.SetResult(null);
        Assert.True(harness.StatusCleared);
    }

    [Fact]
    public async Task RunAsync_OrchestratorFaults_RecordsFailedEndInIndexAndFails()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        RunCompletion? recorded = null;
        harness.Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Throws(new InvalidOperationException("engine fault"));
        harness.Context.Setup(c => c.CallActivityAsync<IReadOnlyList<string>?>(
                FunctionNames.RecordRunCompletion, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => recorded = (RunCompletion)input!)
            .ReturnsAsync((IReadOnlyList<string>?)null);
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();

        // Act
        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Start(graph, index: new RunIndexEntry { CreatedAt = Now }));

        // Assert
        Assert.Equal("engine fault", fault.Message);
        Assert.Equal(("run-1", "failed", "The run failed: engine fault"), (recorded!.RunId, recorded.Status, recorded.Error));
    }

    [Fact]
    public async Task RunAsync_MoreNodesThanTheNodeBudget_FailsTheFirstNodeOverIt()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", next: "b").Llm("b", "B").Build();
        var run = harness.Start(graph, options: new OrchestrationOptions { MaxNodeExecutionsPerRun = 2 });

        // Act
        harness.Succeed("a");
        var result = await run;

        // Assert
        Assert.Equal(["a"], harness.ScheduledNodes);
        Assert.Equal(
            "Node 'b' failed: No node execution is left in the run's budget: a run and its sub-runs may execute 2 nodes in all.",
            result.Error!.Message);
        Assert.Equal((0, 2), (result.Metrics.SubRuns, result.Metrics.NodeExecutions));
    }
}
