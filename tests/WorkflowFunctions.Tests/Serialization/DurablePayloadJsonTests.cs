using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
            .AddWorkflowFunctions(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        // Act
        var serializer = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var json = serializer.Serialize(Text).ToString();

        // Assert
        Assert.Equal("\"Ответ: \\\"да\\\" <ok> & 完成\"", json);
    }
}
