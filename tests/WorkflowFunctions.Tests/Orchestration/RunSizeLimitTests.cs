using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// Templates rendered in the orchestrator stop at <c>Orchestration__MaxRenderedTemplateBytes</c>, and a run's result
/// stays within <c>Orchestration__MaxRunResultBytes</c>. The harness runs the orchestrator on the test's thread, so
/// its allocations are measured there.
/// </summary>
public sealed class RunSizeLimitTests
{
    [Fact]
    public async Task RunAsync_OutputRepeatingALargeInput_FailsTheNodeWithinBoundedMemory()
    {
        // Arrange: the request, an output node repeating a 100,000-character input 1,000 times.
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder()
            .Trigger("t", "out")
            .Add("out", NodeTypes.Output, new JsonObject { ["output"] = string.Concat(Enumerable.Repeat("{{ input.name }}", 1_000)) })
            .Build();
        var input = new { name = new string('n', 100_000) };
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var run = harness.Start(graph, input: input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var result = await run;

        // Assert: 100 MB of text (200 MB as a string) before; now a few times the 1 MiB limit.
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(
            "Node 'out' failed: Output node 'out': 'output' renders more than 1,048,576 bytes, the limit of one template rendering.",
            result.Error!.Message);
        Assert.True(allocated < 24L * 1024 * 1024, $"The run allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void RunAsync_ActivityRequest_CarriesTheRenderLimit()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();

        // Act
        harness.Start(graph, options: new OrchestrationOptions { MaxRenderedTemplateBytes = 5_000 });

        // Assert
        Assert.Equal(5_000, harness.Requests["a"].MaxRenderedTemplateBytes);
        Assert.Equal(5_000, harness.Requests["a"].TemplateScope().MaxRenderedBytes);
    }

    [Fact]
    public async Task RunAsync_ResultsPastTheRunResultLimit_FailsTheNodeThatWouldPassIt()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", next: "b").Llm("b", "B").Build();
        var run = harness.Start(graph, options: new OrchestrationOptions { MaxRunResultBytes = 10_000 });
        harness.Succeed("a", new string('a', 6_000));

        // Act
        harness.Succeed("b", new string('b', 6_000));
        var result = await run;

        // Assert
        Assert.Equal((NodeStatus.Succeeded, NodeStatus.Failed), (result.Nodes["a"].Status, result.Nodes["b"].Status));
        Assert.Equal(
            "Node 'b' failed: Its result (6,014 bytes) would take the run's result past 10,000 bytes, the limit of one run's result.",
            result.Error!.Message);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options).Length < 10_000);
    }

    [Theory]
    [InlineData("parent")]
    [InlineData(null)]
    public async Task RunAsync_SubRunResultsPastTheSubRunLimit_FailTheNodeThatWouldPassIt(string? parentRunId)
    {
        // Arrange: a sub-run's result is its output, one message, so the smaller sub-run limit applies to it (and to a
        // run without an index entry, which keeps its result as its output too).
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", next: "b").Llm("b", "B").Build();
        var options = new OrchestrationOptions { MaxRunResultBytes = 100_000, MaxSubRunResultBytes = 10_000 };
        var run = harness.Start(graph, options: options, parentRunId: parentRunId);
        harness.Succeed("a", new string('a', 6_000));

        // Act
        harness.Succeed("b", new string('b', 6_000));
        var result = await run;

        // Assert
        Assert.Equal(
            "Node 'b' failed: Its result (6,014 bytes) would take the run's result past 10,000 bytes, the limit of one run's result.",
            result.Error!.Message);
    }

    [Fact]
    public async Task RunAsync_TopLevelRunsResults_AreHeldToTheRunLimitNotTheSubRunLimit()
    {
        // Arrange: a top-level run (it has an index entry) stores a large result in parts, so only the run limit applies.
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A", next: "b").Llm("b", "B").Build();
        var options = new OrchestrationOptions { MaxRunResultBytes = 100_000, MaxSubRunResultBytes = 10_000 };
        var run = harness.Start(graph, options: options, index: new RunIndexEntry { CreatedAt = DateTime.UnixEpoch });
        harness.Succeed("a", new string('a', 6_000));

        // Act
        harness.Succeed("b", new string('b', 6_000));
        var result = await run;

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal((NodeStatus.Succeeded, NodeStatus.Succeeded), (result.Nodes["a"].Status, result.Nodes["b"].Status));
    }

    [Fact]
    public void OrchestrationOptions_Defaults_Allow12MiBRunsAnd3MiBSubRunsAndTables()
    {
        // Assert
        Assert.Equal(12 * 1024 * 1024, new OrchestrationOptions().MaxRunResultBytes);
        Assert.Equal(3 * 1024 * 1024, new OrchestrationOptions().MaxSubRunResultBytes);
        Assert.Equal(3 * 1024 * 1024, new WorkflowFunctions.Settings.TableOptions().MaxBytes);
    }

    [Fact]
    public async Task RunAsync_PrimaryOutputTakesTheResultPastTheLimit_FailsTheRunWithoutResults()
    {
        // Arrange: the trigger's result holds the 1,000-character input twice (about 2 KB); the output node's 3 KB
        // result counts twice (nodes and outputs), 8 KB in all, and its content once more as the run's output.
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder()
            .Trigger("t", "out")
            .Add("out", NodeTypes.Output, new JsonObject { ["output"] = "{{ input.text }}{{ input.text }}{{ input.text }}" })
            .Build();

        // Act
        var result = await harness.Start(graph, options: new OrchestrationOptions { MaxRunResultBytes = 10_000 }, input: new { text = new string('x', 1_000) });

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith("The run's result would take ", result.Error!.Message, StringComparison.Ordinal);
        Assert.EndsWith("bytes, more than 10,000, the limit of one run's result; node results are left out.", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal((NodeStatus.Succeeded, null, 0, null), (result.Nodes["out"].Status, result.Nodes["out"].Result, result.Outputs.Count, result.Output));
    }

    [Fact]
    public async Task RunAsync_ResultsWithinTheLimit_Succeeds()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var graph = new GraphBuilder()
            .Trigger("t", "out")
            .Add("out", NodeTypes.Output, new JsonObject { ["output"] = "{{ input.text }}" })
            .Build();

        // Act
        var result = await harness.Start(graph, options: new OrchestrationOptions { MaxRunResultBytes = 10_000 }, input: new { text = new string('x', 1_000) });

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(1_000, ((string?)result.Output)!.Length);
    }
}
