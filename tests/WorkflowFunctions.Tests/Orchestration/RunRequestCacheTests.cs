using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class RunRequestCacheTests
{
    [Fact]
    public void Read_SameLargeInputTwice_OneRequestForBoth()
    {
        // Arrange: an input of a long run (its pinned definition) as each episode receives it again.
        var json = Input(nodes: 400, marker: "same");

        // Act
        var first = RunRequestCache.Read(json);
        var second = RunRequestCache.Read(new StringBuilder(json).ToString());

        // Assert
        Assert.Same(first, second);
        Assert.Equal(Parse(json).Definition.GetRawText(), first!.Definition.GetRawText());
        Assert.Equal("same", first.WorkflowId);
    }

    [Fact]
    public void Read_InputsDifferingInOneCharacter_TwoRequests()
    {
        // Arrange
        var one = Input(nodes: 400, marker: "a");
        var other = Input(nodes: 400, marker: "b");

        // Act
        var first = RunRequestCache.Read(one);
        var second = RunRequestCache.Read(other);

        // Assert
        Assert.NotSame(first, second);
        Assert.Equal(("a", "b"), (first!.WorkflowId, second!.WorkflowId));
    }

    [Fact]
    public void Read_SmallInput_ParsedEachTime()
    {
        var json = Input(nodes: 2, marker: "small");

        Assert.NotSame(RunRequestCache.Read(json), RunRequestCache.Read(json));
    }

    [Fact]
    public void WorkerSerializer_RunRequest_ReadThroughTheCacheAndOtherTypesAsBefore()
    {
        // Arrange: the Durable extension hands the worker's serializer each episode's input as a stream.
        using var services = new ServiceCollection()
            .AddLogging()
            .AddWorkflowFunctions(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Mode"] = "InMemory" }).Build())
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var json = Input(nodes: 400, marker: "worker");

        // Act
        var first = serializer.Deserialize(new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false), typeof(WorkflowRunRequest), default);
        var second = serializer.Deserialize(new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false), typeof(WorkflowRunRequest), default);
        var other = serializer.Deserialize(new MemoryStream("{\"a\":1}"u8.ToArray()), typeof(Dictionary<string, int>), default);

        // Assert
        Assert.Same(first, second);
        Assert.Equal("worker", ((WorkflowRunRequest)first!).WorkflowId);
        Assert.Equal(1, ((Dictionary<string, int>)other!)["a"]);
    }

    private static WorkflowRunRequest Parse(string json) => JsonSerializer.Deserialize<WorkflowRunRequest>(json)!;

    private static string Input(int nodes, string marker)
    {
        var graph = new
        {
            start_node = "t",
            nodes = Enumerable.Range(0, nodes).Select(i => new
            {
                id = i == 0 ? "t" : $"n{i}",
                type = i == 0 ? "trigger-node" : "llm-node",
                data = new { prompt = $"step {i} of a long chain" },
            }),
            edges = Enumerable.Range(1, nodes - 1).Select(i => new { source = i == 1 ? "t" : $"n{i - 1}", target = $"n{i}" }),
        };
        var request = new WorkflowRunRequest
        {
            WorkflowId = marker,
            Version = 1,
            AccountId = "acct",
            Definition = JsonSerializer.SerializeToElement(graph),
            Input = JsonSerializer.SerializeToElement(new { subject = "cats" }),
        };
        return JsonSerializer.Serialize(request, DurablePayloadJson.Options);
    }
}
