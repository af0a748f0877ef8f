using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Nodes;

/// <summary>
/// The executors render their templates within the request's limit (the orchestrator sends
/// <c>Orchestration__MaxRenderedTemplateBytes</c>): past it the node fails at once, naming the field and the limit,
/// and nothing is sent.
/// </summary>
public sealed class TemplateRenderLimitTests
{
    private static readonly JsonObject Input = new() { ["q"] = new string('q', 2_000) };

    [Theory]
    [InlineData("url")]
    [InlineData("headers.X-Query")]
    [InlineData("body")]
    public async Task HttpExecuteAsync_TemplatePastTheLimit_FailsNamingFieldAndLimit(string field)
    {
        // Arrange
        await using var host = new ExecutorHost(new Dictionary<string, string?>());
        var data = new JsonObject { ["url"] = field == "url" ? "https://example.com/?q={{ input.q }}" : "https://example.com/" };
        if (field.StartsWith("headers", StringComparison.Ordinal))
        {
            data["headers"] = new JsonObject { ["X-Query"] = "{{ input.q }}" };
        }

        if (field == "body")
        {
            data["method"] = "POST";
            data["body"] = new JsonObject { ["a"] = "{{ input.q }}", ["b"] = "and {{ input.q }}" };
        }

        var request = NodeRequests.For(NodeTypes.Http, data, Input) with { MaxRenderedTemplateBytes = 1_000 };

        // Act
        var result = await host.Http.ExecuteAsync(request, CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Equal($"{field} renders more than 1,000 bytes, the limit of one template rendering.", result.Error);
    }

    [Fact]
    public async Task LlmExecuteAsync_MessagePastTheLimit_FailsNamingMessageAndLimit()
    {
        // Arrange: nothing listens on the endpoint; the node fails before calling it.
        await using var host = new ExecutorHost(new Dictionary<string, string?> { ["Llm:Endpoint"] = "http://127.0.0.1:9/v1", ["Llm:Model"] = "m" });
        var request = NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Summarize {{ input.q }}"), Input) with { MaxRenderedTemplateBytes = 1_000 };

        // Act
        var result = await host.Llm.ExecuteAsync(request, CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Equal("messages[1].message renders more than 1,000 bytes, the limit of one template rendering.", result.Error);
    }

    [Fact]
    public void TemplateScope_RequestWithoutALimit_UsesTheDefault()
    {
        // Arrange
        var request = NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi"));

        // Act
        var scope = request.TemplateScope();

        // Assert
        Assert.Equal(1024 * 1024, scope.MaxRenderedBytes);
    }
}
