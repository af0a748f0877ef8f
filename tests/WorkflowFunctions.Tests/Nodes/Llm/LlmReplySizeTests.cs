using System.Text;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Nodes.Llm;

/// <summary>
/// A reply over <c>Llm__MaxResponseBytes</c> fails the node without being read whole: the server streams a 20 MiB
/// chat completion and the process allocates a small part of that, whether or not the reply declares its length.
/// </summary>
[Collection(MemoryMeasured.Name)]
public sealed class LlmReplySizeTests
{
    private const int Cap = 1024 * 1024;
    private const int ReplyBytes = 20 * 1024 * 1024;
    private const long AllocationBound = 8L * 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ExecuteAsync_ReplyOverTheCap_FailsNotRetryableWithoutReadingItWhole(bool declaresLength)
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => StreamHugeReplyAsync(context, declaresLength));
        await using var host = new ExecutorHost(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = server.Url("v1").ToString(),
            ["Llm:ApiKey"] = "sk-test",
            ["Llm:Model"] = "gpt-4o-mini",
            ["Llm:MaxResponseBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var request = NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi"));
        await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("warm up")), CancellationToken.None);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        // Act
        var result = await host.Llm.ExecuteAsync(request, CancellationToken.None);

        // Assert
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.StartsWith("The LLM provider's reply is larger than 1,048,576 bytes (Llm__MaxResponseBytes)", result.Error, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBound, $"The call allocated {allocated:N0} bytes for a {ReplyBytes:N0}-byte reply.");
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ExecuteAsync_ReplyUnderTheCap_Succeeds()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, new string('x', 100_000)));
        await using var host = new ExecutorHost(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = server.Url("v1").ToString(),
            ["Llm:ApiKey"] = "sk-test",
            ["Llm:Model"] = "gpt-4o-mini",
            ["Llm:MaxResponseBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(100_000, ((string?)result.Result!["content"])!.Length);
    }

    // The first request (the warm-up) gets a small reply; later ones a 20 MiB completion, written 64 KiB at a time so
    // the server itself allocates little.
    private static async Task StreamHugeReplyAsync(HttpContext context, bool declaresLength)
    {
        if (LoopbackServer.Recorded(context).Body.Contains("warm up", StringComparison.Ordinal))
        {
            await ChatCompletions.WriteAsync(context, "warm");
            return;
        }

        var head = Encoding.UTF8.GetBytes(
            """{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":["""
                + """{"index":0,"message":{"role":"assistant","content":" """.TrimEnd());
        var tail = Encoding.UTF8.GetBytes("""
            "},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
            """);
        var chunk = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));
        var chunks = ReplyBytes / chunk.Length;
        context.Response.ContentType = "application/json";
        if (declaresLength)
        {
            context.Response.ContentLength = head.Length + ((long)chunks * chunk.Length) + tail.Length;
        }

        try
        {
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            for (var i = 0; i < chunks; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(tail, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client stopped reading: that is the point.
        }
    }
}
