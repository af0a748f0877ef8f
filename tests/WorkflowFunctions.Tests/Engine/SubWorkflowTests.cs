using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class SubWorkflowTests(DurableEngineFixture engine)
{
    [Fact]
    public async Task RunAsync_WorkflowNode_RunsChildWithTemplatedInputAndUsesItsOutput()
    {
        // Arrange
        engine.Workflows.Add(DurableEngineFixture.Account, "child-echo", 1, new GraphBuilder()
            .Trigger("ct", "echo")
            .Llm("echo", "child got {{ input.topic }}")
            .Build());
        var parent = new GraphBuilder()
            .Trigger("t", "w")
            .Add("w", NodeTypes.Workflow, WorkflowNode("child-echo", new JsonObject { ["topic"] = "{{ input.subject }}" }), "after")
            .Llm("after", "parent saw {{ w.result.content }}")
            .Build();

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(parent, new { subject = "cats" }));
        var result = await engine.CompletionAsync(runId);

        // Assert
        var childId = $"{runId}:w";
        Assert.Equal("parent saw child got cats", (string?)result.Nodes["after"].Result!["content"]);
        Assert.Equal((childId, childId), ((string?)result.Nodes["w"].Result!["run_id"], result.ChildRuns["w"]));
        var child = await engine.Client.GetInstanceAsync(childId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
    }

    [Fact]
    public async Task CancelAsync_ParentWithRunningSubRun_CancelsTheSubRunToo()
    {
        // Arrange
        engine.Workflows.Add(DurableEngineFixture.Account, "child-gate", 1, new GraphBuilder()
            .Trigger("ct", "gate")
            .Add("gate", NodeTypes.Approval, [])
            .Build());
        var parent = new GraphBuilder()
            .Trigger("t", "w")
            .Add("w", NodeTypes.Workflow, WorkflowNode("child-gate", null))
            .Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(parent));
        var childId = $"{runId}:w";
        await engine.ProgressWhenAsync(childId, p => p.Nodes["gate"] == NodeStatus.Waiting);
        var (parentProgress, _) = await engine.ProgressWhenAsync(runId, p => p.ChildRuns.Count > 0);

        // Act
        await RunControl.CancelAsync(engine.Client, runId, "stop everything", TimeSpan.FromSeconds(30));

        // Assert
        var child = await engine.CompletionAsync(childId);
        Assert.Equal(childId, parentProgress.ChildRuns["w"]);
        Assert.Equal(RunStatus.Cancelled, child.Status);
        Assert.Equal(NodeStatus.Cancelled, child.Nodes["gate"].Status);
    }

    [Fact]
    public async Task RunAsync_WorkflowNodeUnknownWorkflow_NodeFailsNotFound()
    {
        // Arrange
        var parent = new GraphBuilder()
            .Trigger("t", "w")
            .Add("w", NodeTypes.Workflow, WorkflowNode("missing", null))
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(parent));

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("Workflow 'missing' was not found.", result.Nodes["w"].Error);
    }

    [Fact]
    public async Task RunAsync_WorkflowCallsItself_StopsAtMaximumDepth()
    {
        // Arrange
        var loop = new GraphBuilder()
            .Trigger("t", "w")
            .Add("w", NodeTypes.Workflow, WorkflowNode("loop", null))
            .Build();
        engine.Workflows.Add(DurableEngineFixture.Account, "loop", 1, loop);

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(loop));

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("at most 5 levels", result.Nodes["w"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorkflowNodeInputRendersPastTheLimit_NodeFailsNamingTheLimit()
    {
        // Arrange
        engine.Workflows.Add(DurableEngineFixture.Account, "child-big", 1, new GraphBuilder().Trigger("ct").Build());
        var parent = new GraphBuilder()
            .Trigger("t", "w")
            .Add("w", NodeTypes.Workflow, WorkflowNode("child-big", new JsonObject { ["a"] = "{{ input.big }}", ["b"] = "{{ input.big }}" }))
            .Build();

        // Act
        var result = await engine.RunAsync(DurableEngineFixture.Request(parent, new { big = new string('b', 600_000) }));

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("The sub-workflow input (data.input) renders more than 1,048,576 bytes, the limit of one template rendering.", result.Nodes["w"].Error);
    }

    [Fact]
    public async Task RunAsync_WorkflowCallingItselfFromSixNodes_StaysWithinTheSubRunBudget()
    {
        // Arrange: six workflow nodes that each run this same workflow again (2,493 sub-runs from one request before).
        var self = new GraphBuilder().Trigger("t", "w1", "w2", "w3", "w4", "w5", "w6");
        for (var i = 1; i <= 6; i++)
        {
            self.Add($"w{i}", NodeTypes.Workflow, WorkflowNode("fork-bomb", null));
        }

        var definition = self.Build();
        engine.Workflows.Add(DurableEngineFixture.Account, "fork-bomb", 1, definition);

        // Act
        var runId = await engine.StartAsync(DurableEngineFixture.Request(definition) with { WorkflowId = "fork-bomb" });
        var result = await engine.CompletionAsync(runId);

        // Assert: the run fails on the budget, its tree counted at most the 100 sub-runs a run may start.
        var started = 0;
        await foreach (var instance in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = runId + ":", PageSize = 1000 }))
        {
            started++;
        }

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.InRange(started, 6, 100);
        Assert.InRange(result.Metrics.SubRuns, started, 100);
        Assert.Contains(
            "No sub-run is left in the run's budget: a run and its sub-runs may start 100 sub-runs in all.",
            result.Error!.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RunTreesFailingOnTheirBudgetAtOnce_AllFinish()
    {
        // Arrange: each run forks into sub-runs until its budget is spent, then its sub-runs fail while their parents
        // cancel their siblings: parents and children store episodes addressed to each other at the same moment.
        // The in-memory backend deadlocked on that within a round or two unless episodes are stored one at a time.
        var self = new GraphBuilder().Trigger("t", "w1", "w2", "w3", "w4", "w5", "w6");
        for (var i = 1; i <= 6; i++)
        {
            self.Add($"w{i}", NodeTypes.Workflow, WorkflowNode("fork-crossfire", null));
        }

        var definition = self.Build();
        engine.Workflows.Add(DurableEngineFixture.Account, "fork-crossfire", 1, definition);

        for (var round = 0; round < 8; round++)
        {
            // Act
            var runIds = new List<string>();
            for (var run = 0; run < 4; run++)
            {
                runIds.Add(await engine.StartAsync(DurableEngineFixture.Request(definition) with { WorkflowId = "fork-crossfire" }));
            }

            // Assert: every run ends, failed on its budget.
            foreach (var runId in runIds)
            {
                var result = await engine.CompletionAsync(runId);
                Assert.Equal(RunStatus.Failed, result.Status);
            }
        }
    }

    private static JsonObject WorkflowNode(string workflowId, JsonObject? input)
    {
        var data = new JsonObject { ["workflow_id"] = workflowId, ["retry"] = new JsonObject { ["max_attempts"] = 1 } };
        if (input is not null)
        {
            data["input"] = input;
        }

        return data;
    }
}
