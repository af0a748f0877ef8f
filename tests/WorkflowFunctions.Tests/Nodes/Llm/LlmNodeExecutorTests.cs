using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Nodes.Llm;

/// <summary>The LLM executor against a real OpenAI-compatible server on loopback.</summary>
public sealed class LlmNodeExecutorTests
{
    private const string ApiKey = "sk-test-0123456789secret";

    [Fact]
    public async Task ExecuteAsync_ProviderReplies_ReturnsContentModelUsageAndCost()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "Hello there."));
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert: gpt-4o-mini costs 0.15 / 0.60 USD per million tokens.
        Assert.True(result.Succeeded, result.Error);
        var expected = JsonNode.Parse("""
            {"content": "Hello there.", "model": "gpt-4o-mini-2024-07-18",
             "usage": {"input_tokens": 1000, "output_tokens": 500},
             "cost": 0.00045, "price_known": true, "finish_reason": "stop"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(result.Result!.ToJsonString())), result.Result.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_TemplatedMessagesAndSettings_SendsRenderedChatRequestWithBearerKey()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "ok"));
        await using var host = Host(server);
        var data = NodeRequests.Llm(
            "Greet {{ input.name }} about {{ up.result.content }}",
            new JsonObject { ["model_name"] = "gpt-4o", ["temperature"] = 0.5, ["max_tokens"] = 64 });
        var request = NodeRequests.For(
            NodeTypes.Llm,
            data,
            new JsonObject { ["name"] = "Ada" },
            new() { ["up"] = new JsonObject { ["result"] = new JsonObject { ["content"] = "maths" } } });

        // Act
        await host.Llm.ExecuteAsync(request, CancellationToken.None);

        // Assert
        var sent = Assert.Single(server.Requests);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal(
            ("POST", "/v1/chat/completions", "Bearer " + ApiKey, "gpt-4o", 0.5, "Greet Ada about maths", "system"),
            (sent.Method, sent.PathAndQuery, sent.Headers["Authorization"], (string?)body["model"], (double?)body["temperature"],
             (string?)body["messages"]![1]!["content"], (string?)body["messages"]![0]!["role"]));
    }

    [Fact]
    public async Task ExecuteAsync_RateLimitedWithRetryAfter_RetriesAndSucceeds()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, index) =>
        {
            if (index == 0)
            {
                context.Response.Headers.RetryAfter = "1";
                return ChatCompletions.WriteErrorAsync(context, 429, "Rate limit reached", "rate_limit_exceeded");
            }

            return ChatCompletions.WriteAsync(context, "after the wait");
        });
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((true, "after the wait", 2), (result.Succeeded, (string?)result.Result?["content"], server.Requests.Count));
    }

    [Fact]
    public async Task ExecuteAsync_ServerErrorOnce_RetriesAndSucceeds()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, index) =>
            index == 0
                ? ChatCompletions.WriteErrorAsync(context, 500, "The server had an error", "server_error")
                : ChatCompletions.WriteAsync(context, "recovered"));
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((true, "recovered", 2), (result.Succeeded, (string?)result.Result?["content"], server.Requests.Count));
    }

    [Fact]
    public async Task ExecuteAsync_ServerErrorEveryTime_FailsRetryableAfterConfiguredAttempts()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteErrorAsync(context, 503, "Overloaded", "server_error"));
        await using var host = Host(server, new() { ["Llm:MaxAttempts"] = "2" });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, true, 2), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Contains("503", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfterLongerThanMaxDelay_LeavesRetryToDurableWithoutWaiting()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Headers.RetryAfter = "120";
            return ChatCompletions.WriteErrorAsync(context, 429, "Rate limit reached", "rate_limit_exceeded");
        });
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, true, 1), (result.Succeeded, result.Retryable, server.Requests.Count));
    }

    [Fact]
    public async Task ExecuteAsync_Unauthorized_FailsAtOnceWithProviderMessageAndNoKey()
    {
        // Arrange: the provider echoes the key, as some do; it must not reach the node error.
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            ChatCompletions.WriteErrorAsync(context, 401, $"Incorrect API key provided: {ApiKey}. You can find your API key at the dashboard."));
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 1), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ProviderEchoesKeyInError_NoLogEntryAtAnyLevelContainsKey()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            ChatCompletions.WriteErrorAsync(context, 401, $"Incorrect API key provided: {ApiKey}."));
        using var logs = new FakeLoggerProvider();
        await using var host = Host(server, logs: logs);

        // Act
        await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert: the logs did record the call, and nothing in them holds the key.
        Assert.Contains(LogText.Lines(logs.Collector), entry => entry.Contains("401", StringComparison.Ordinal));
        Assert.DoesNotContain(LogText.Lines(logs.Collector), entry => entry.Contains(ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_JsonResponseFormatButProseReply_FailsRetryable()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "Sure! It is positive."));
        await using var host = Host(server);
        var data = NodeRequests.Llm("Classify as json", new JsonObject { ["response_format"] = "json" });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, true), (result.Succeeded, result.Retryable));
        Assert.Contains("not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BadRequest_FailsAtOnceWithProviderMessage()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteErrorAsync(context, 400, "max_tokens is too large"));
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Contains("max_tokens is too large", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ReplyIsNotJson_FailsWithClearNonRetryableError()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html>proxy login</html>");
        });
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.StartsWith("The LLM provider's reply could not be read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ReplyWithoutChoices_FailsWithClearNonRetryableError()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"id": "x", "object": "chat.completion", "model": "gpt-4o", "choices": []}""");
        });
        await using var host = Host(server);

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.StartsWith("The LLM provider's reply could not be read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CallSlowerThanRequestTimeout_FailsRetryableTimeout()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var host = Host(server, new() { ["Llm:RequestTimeoutSeconds"] = "0.5", ["Llm:MaxAttempts"] = "1" });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, true), (result.Succeeded, result.Retryable));
        Assert.Contains("timed out after 0.5s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_NoConfiguration_FailsAtOnceNamingTheSettings()
    {
        // Arrange
        await using var host = new ExecutorHost(new Dictionary<string, string?>());

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.All(["Llm__Endpoint", "Llm__ApiKey", "Llm__Model"], name => Assert.Contains(name, result.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_NoModelAnywhere_FailsAtOnceNamingModelSettings()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "unused"));
        await using var host = Host(server, new() { ["Llm:Model"] = null });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 0), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Contains("Llm__Model", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownModel_CostsZeroAndSaysPriceUnknown()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "hi", model: "llama3.1:8b"));
        await using var host = Host(server, new() { ["Llm:Model"] = "llama3.1:8b" });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((0m, false), ((decimal?)result.Result?["cost"], (bool?)result.Result?["price_known"]));
    }

    [Fact]
    public async Task ExecuteAsync_PriceOverriddenInSettings_UsesConfiguredPrice()
    {
        // Arrange: 1000 input tokens at 2 USD/M plus 500 output tokens at 4 USD/M.
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "hi", model: "llama3.1:8b"));
        await using var host = Host(server, new()
        {
            ["Llm:Model"] = "llama3.1:8b",
            ["Llm:Prices:llama3_1_8b:Input"] = "2",
            ["Llm:Prices:llama3_1_8b:Output"] = "4",
        });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.Equal((0.004m, true), ((decimal?)result.Result?["cost"], (bool?)result.Result?["price_known"]));
    }

    [Fact]
    public async Task ExecuteAsync_JsonResponseFormat_AsksForJsonAndParsesReply()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, """{"sentiment": "positive"}"""));
        await using var host = Host(server);
        var data = NodeRequests.Llm("Classify as json", new JsonObject { ["response_format"] = "json" });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, data), CancellationToken.None);

        // Assert
        var sent = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal(("json_object", "positive"), ((string?)sent["response_format"]?["type"], (string?)result.Result?["json"]?["sentiment"]));
    }

    [Fact]
    public async Task ExecuteAsync_KeylessLocalServer_SendsNoAuthorizationHeader()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "local"));
        await using var host = Host(server, new() { ["Llm:ApiKey"] = null });

        // Act
        var result = await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        Assert.True(result.Succeeded, result.Error);
        Assert.False(Assert.Single(server.Requests).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task ExecuteAsync_AzureProvider_CallsV1PathWithApiKeyHeader()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => ChatCompletions.WriteAsync(context, "azure"));
        await using var host = Host(server, new() { ["Llm:Provider"] = "azure", ["Llm:Endpoint"] = server.BaseAddress.ToString() });

        // Act
        await host.Llm.ExecuteAsync(NodeRequests.For(NodeTypes.Llm, NodeRequests.Llm("Hi")), CancellationToken.None);

        // Assert
        var sent = Assert.Single(server.Requests);
        Assert.Equal(("/openai/v1/chat/completions", ApiKey, false), (sent.PathAndQuery, sent.Headers["api-key"], sent.Headers.ContainsKey("Authorization")));
    }

    private static ExecutorHost Host(LoopbackServer server, Dictionary<string, string?>? overrides = null, FakeLoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = server.Url("v1").ToString(),
            ["Llm:ApiKey"] = ApiKey,
            ["Llm:Model"] = "gpt-4o-mini",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return new ExecutorHost(settings, logs);
    }
}
