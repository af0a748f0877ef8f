using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Tests.Serialization;

public sealed class DurablePayloadJsonTests
{
    private const string Text = "Ответ: \"да\" <ok> & 完成";

    [Fact]
    public void Converter_NonAsciiAndQuotes_WrittenAsUtf8TextNotEscapes()
    {
        // Act
        var json = DurablePayloadJson.Converter.Serialize(new { content = Text });

        // Assert
        Assert.Equal("{\"content\":\"Ответ: \\\"да\\\" <ok> & 完成\"}", json);
    }

    [Fact]
    public void AddWorkflowFunctions_FunctionsWorkerSerializer_UsesDurablePayloadJson()
    {
        // Arrange: the Durable extension converts orchestration and activity payloads with the worker's serializer.
        using var services = new ServiceCollection()
            .AddLogging()
            .AddWorkflowFunctions(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Mode"] = "InMemory" }).Build())
            .BuildServiceProvider();

        // Act
        var serializer = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var json = serializer.Serialize(Text).ToString();

        // Assert
        Assert.Equal("\"Ответ: \\\"да\\\" <ok> & 完成\"", json);
    }

    [Fact]
    public void Converter_NullProperties_LeftOutAndReadBackAsNull()
    {
        // Arrange
        var skipped = new NodeRunRecord { Id = "b", Type = "basic-node", Status = NodeStatus.Skipped };

        // Act
        var json = DurablePayloadJson.Converter.Serialize(skipped)!;
        var read = DurablePayloadJson.Converter.Deserialize<NodeRunRecord>(json)!;

        // Assert
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.Equal((NodeStatus.Skipped, null, null, null), (read.Status, read.Result, read.Error, read.StartedAt));
    }
}
