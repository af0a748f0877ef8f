using System.Text;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

[Collection(DurableEngineGroup.Name)]
public sealed class LargeOutputTests(DurableEngineFixture engine)
{
    private static readonly string[] BigNodes = ["big1", "big2", "big3", "big4"];

    [Fact]
    public async Task RunAsync_HundredKilobyteNodeResults_StatusStaysSmallAndOutputHoldsEveryResult()
    {
        // Arrange: four 100 KB results, then an approval that holds the run so its status can be read.
        var builder = new GraphBuilder().Trigger("t", BigNodes);
        foreach (var id in BigNodes)
        {
            builder.Llm(id, "x", new JsonObject { ["size_kb"] = 100 }, next: "gate");
        }

        var graph = builder.Add("gate", NodeTypes.Approval, []).Build();
        var runId = await engine.StartAsync(DurableEngineFixture.Request(graph));

        // Act
        var (progress, raw) = await engine.ProgressWhenAsync(runId, p => p.Nodes["gate"] == NodeStatus.Waiting);
        await RunControl.ApproveAsync(engine.Client, runId, "gate", approved: true);
        var result = await engine.CompletionAsync(runId);

        // Assert
        Assert.True(Encoding.UTF8.GetByteCount(raw) < 16 * 1024, $"custom status is {raw.Length} bytes");
        Assert.All(BigNodes, id => Assert.Equal(NodeStatus.Succeeded, progress.Nodes[id]));
        Assert.Equal(BigNodes.Order(), progress.OmittedResults.Order());
        Assert.Contains("t", progress.Results.Keys);
        Assert.All(BigNodes, id => Assert.Equal(100 * 1024, ((string?)result.Nodes[id].Result!["content"])!.Length));
    }
}
