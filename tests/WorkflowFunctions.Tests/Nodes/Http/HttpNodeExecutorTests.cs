using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Nodes.Http;

/// <summary>The HTTP executor against real servers on loopback, with private networks allowed.</summary>
public sealed class HttpNodeExecutorTests
{
    [Fact]
    public async Task ExecuteAsync_GetJson_ReturnsContentStatusHeadersAndJson()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers["Set-Cookie"] = "session=secret";
            return context.Response.WriteAsync("""{"items":[1,2]}""");
        });
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("items?page={{ input.page }}").ToString() };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data, new JsonObject { ["page"] = 2 }), CancellationToken.None);

        // Assert
        Assert.True(result.Succeeded, result.Error);
        var expected = JsonNode.Parse("""
            {"content": "{\"items\":[1,2]}", "status": 200,
             "headers": {"content-type": "application/json", "etag": "\"v1\""},
             "truncated": false, "json": {"items": [1, 2]}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(result.Result!.ToJsonString())), result.Result.ToJsonString());
        Assert.Equal(("GET", "/items?page=2"), (server.Requests.Single().Method, server.Requests.Single().PathAndQuery));
    }

    [Fact]
    public async Task ExecuteAsync_PostJsonBodyWithHostileInput_SendsValidJsonWithExactValues()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("ok"));
        await using var host = Host();
        const string Hostile = "\"}, \"admin\": true, \"x\": \"\n\\ {{ input.name }} \u0001";
        var data = new JsonObject
        {
            ["url"] = server.Url("users").ToString(),
            ["method"] = "POST",
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["body"] = """{"name": "{{ input.name }}", "greeting": "Hi {{ input.name }}", "tags": {{ input.tags }}}""",
        };
        var input = new JsonObject { ["name"] = Hostile, ["tags"] = new JsonArray("a", "b") };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data, input), CancellationToken.None);

        // Assert
        Assert.True(result.Succeeded, result.Error);
        var sent = JsonNode.Parse(server.Requests.Single().Body)!.AsObject();
        Assert.Equal(
            (Hostile, "Hi " + Hostile, """["a","b"]""", 3),
            ((string?)sent["name"], (string?)sent["greeting"], sent["tags"]!.ToJsonString(), sent.Count));
    }

    [Fact]
    public async Task ExecuteAsync_ObjectBodyAsInReference003_SendsJsonWithContentType()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("ok"));
        await using var host = Host();
        var data = new JsonObject
        {
            ["url"] = server.Url("users").ToString(),
            ["method"] = "POST",
            ["body"] = new JsonObject { ["name"] = "{{ input.user_name }}", ["age"] = "{{ input.age }}" },
        };

        // Act
        await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data, new JsonObject { ["user_name"] = "Jo", ["age"] = 30 }), CancellationToken.None);

        // Assert
        var sent = server.Requests.Single();
        Assert.Equal(("""{"name":"Jo","age":30}""", "application/json; charset=utf-8"), (sent.Body, sent.Headers["Content-Type"]));
    }

    [Fact]
    public async Task ExecuteAsync_TemplatedHeaders_SendsRenderedValues()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("ok"));
        await using var host = Host();
        var data = new JsonObject
        {
            ["url"] = server.Url("me").ToString(),
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer {{ input.token }}", ["X-Trace"] = "run" },
        };

        // Act
        await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data, new JsonObject { ["token"] = "t0k" }), CancellationToken.None);

        // Assert
        var sent = server.Requests.Single();
        Assert.Equal(("Bearer t0k", "run"), (sent.Headers["Authorization"], sent.Headers["X-Trace"]));
    }

    [Fact]
    public async Task ExecuteAsync_HeaderValueWithLineBreakFromInput_FailsWithoutSending()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("ok"));
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("me").ToString(), ["headers"] = new JsonObject { ["X-Name"] = "{{ input.name }}" } };

        // Act
        var result = await host.Http.ExecuteAsync(
            NodeRequests.For(NodeTypes.Http, data, new JsonObject { ["name"] = "a\r\nX-Admin: 1" }),
            CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 0), (result.Succeeded, result.Retryable, server.Requests.Count));
    }

    [Fact]
    public async Task ExecuteAsync_NotFound_FailsAtOnceWithStatusAndBody()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("no such user");
        });
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("users/9?key=secret").ToString() };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 1), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Equal($"GET {server.Url("users/9").ToString().TrimEnd('/')} returned 404 Not Found: no such user", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_StatusListedInAcceptedStatuses_Succeeds()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("none");
        });
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("users/9").ToString(), ["accepted_statuses"] = new JsonArray(404) };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((true, 404, "none"), (result.Succeeded, (int?)result.Result?["status"], (string?)result.Result?["content"]));
    }

    [Fact]
    public async Task ExecuteAsync_GetServerErrorOnce_RetriesAndSucceeds()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, index) =>
        {
            context.Response.StatusCode = index == 0 ? 500 : 200;
            return context.Response.WriteAsync(index == 0 ? "boom" : "fine");
        });
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("flaky").ToString() };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((true, "fine", 2), (result.Succeeded, (string?)result.Result?["content"], server.Requests.Count));
    }

    [Fact]
    public async Task ExecuteAsync_PostServerError_IsNotRetriedInProcessButFailsRetryable()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("orders").ToString(), ["method"] = "POST", ["body"] = "order" };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, true, 1), (result.Succeeded, result.Retryable, server.Requests.Count));
    }

    [Fact]
    public async Task ExecuteAsync_BodyLongerThanCap_TruncatesAndSaysSo()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("[" + string.Join(',', Enumerable.Repeat("\"xxxxxxxx\"", 1000)) + "]");
        });
        await using var host = Host(new() { ["HttpNode:MaxResponseBytes"] = "1024" });
        var data = new JsonObject { ["url"] = server.Url("big").ToString() };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal(
            (1024, true, false),
            (((string?)result.Result?["content"])?.Length, (bool?)result.Result?["truncated"], result.Result?.ContainsKey("json")));
    }

    [Fact]
    public async Task ExecuteAsync_ServerSlowerThanNodeTimeout_FailsRetryableTimeout()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var host = Host();
        var data = new JsonObject { ["url"] = server.Url("slow").ToString(), ["timeout_seconds"] = 1 };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, true), (result.Succeeded, result.Retryable));
        Assert.EndsWith("timed out after 1s.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_HostNameThatDoesNotExist_FailsAtOnce()
    {
        // Arrange: .invalid never resolves (RFC 2606).
        await using var host = Host();
        var data = new JsonObject { ["url"] = "http://no-such-host.invalid/x" };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Contains("does not resolve", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/x")]
    [InlineData("not a url")]
    public async Task ExecuteAsync_UrlNotHttp_FailsAtOnce(string url)
    {
        // Arrange
        await using var host = Host();
        var data = new JsonObject { ["url"] = url };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Contains("http or https", result.Error, StringComparison.Ordinal);
    }

    private static ExecutorHost Host(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?> { ["HttpNode:AllowPrivateNetworks"] = "true" };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return new ExecutorHost(settings);
    }
}
