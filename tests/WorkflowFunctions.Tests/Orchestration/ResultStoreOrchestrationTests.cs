using System.Text.Json;
using Microsoft.DurableTask;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// The orchestrator's side of the result store: a large result of a top-level run is written in parts (one
/// <c>StoreRunResultPart</c> activity each) and the output keeps a reference with the number of parts; when the store
/// fails, a result that fits one message stays whole, a larger one is kept without node results.
/// </summary>
public sealed class ResultStoreOrchestrationTests
{
    private static readonly RunIndexEntry Index = new() { CreatedAt = OrchestrationHarness.Now };

    [Fact]
    public async Task RunAsync_ResultOverOnePart_IsStoredInPartsThatConcatenateToIt()
    {
        // Arrange
        using var harness = new OrchestrationHarness();
        var stored = new List<StoreRunResultPartRequest>();
        harness.Context.Setup(c => c.CallActivityAsync(FunctionNames.StoreRunResultPart, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => stored.Add((StoreRunResultPartRequest)input!))
            .Returns(Task.CompletedTask);
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var run = harness.Start(graph, index: Index);

        // Act
        harness.Succeed("a", new string('a', RunResultParts.MaxPartChars + 1_000));
        var result = await run;

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.True(stored.Count >= 2, $"{stored.Count} part(s)");
        Assert.Equal(Enumerable.Range(0, stored.Count), stored.Select(p => p.Part));
        Assert.All(stored, p => Assert.Equal(("run-1", true), (p.RunId, p.Text.Length <= RunResultParts.MaxPartChars)));
        Assert.Null(result.Nodes["a"].Result);
        Assert.Equal(stored.Count, result.Stored!.Parts);
        var whole = string.Concat(stored.Select(p => p.Text));
        Assert.Equal(whole.Length, result.Stored.Bytes);
        var loaded = JsonSerializer.Deserialize<WorkflowRunResult>(whole, DurablePayloadJson.Options)!;
        Assert.Equal(RunResultParts.MaxPartChars + 1_000, loaded.Nodes["a"].Result!["content"]!.GetValue<string>().Length);
    }

    [Theory]
    [InlineData(1_000_000, true)]
    [InlineData(400_000, false)]
    public async Task RunAsync_StoreFails_KeepsTheResultWholeOnlyWhenItFitsOneMessage(int maxSubRunResultBytes, bool whole)
    {
        // Arrange: a result of about 600 KB (the reply as node result and output), over the inline limit; the sub-run limit
        // stands for one message.
        using var harness = new OrchestrationHarness();
        var failure = new TaskFailedException(FunctionNames.StoreRunResultPart, 1, new TaskFailureDetails("IOException", "storage down", null, null, null));
        harness.Context.Setup(c => c.CallActivityAsync(FunctionNames.StoreRunResultPart, It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(failure);
        var graph = new GraphBuilder().Trigger("t", "a").Llm("a", "A").Build();
        var options = new OrchestrationOptions { MaxSubRunResultBytes = maxSubRunResultBytes };
        var run = harness.Start(graph, options: options, index: Index);

        // Act
        harness.Succeed("a", new string('a', 300_000));
        var result = await run;

        // Assert
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Null(result.Stored);
        Assert.Equal(NodeStatus.Succeeded, result.Nodes["a"].Status);
        Assert.Equal(whole, result.Nodes["a"].Result is not null);
    }
}
