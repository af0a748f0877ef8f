using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Nodes.Http;

/// <summary>The HTTP executor with the default network policy: non-public addresses are refused at connect time.</summary>
public sealed class HttpNodeSsrfTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9/", "127.0.0.1")]
    [InlineData("http://10.0.0.1/", "10.0.0.1")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://[::1]:9/", "::1")]
    [InlineData("http://[::ffff:127.0.0.1]:9/", "::ffff:127.0.0.1")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254")]
    [InlineData("http://192.0.2.1:9/", "192.0.2.1")]
    [InlineData("http://198.51.100.1:9/", "198.51.100.1")]
    [InlineData("http://203.0.113.1:9/", "203.0.113.1")]
    [InlineData("http://192.88.99.1:9/", "192.88.99.1")]
    [InlineData("http://[::ffff:203.0.113.1]:9/", "::ffff:203.0.113.1")]
    [InlineData("http://[2001:db8::1]:9/", "2001:db8::1")]
    public async Task ExecuteAsync_PrivateAddress_FailsAtOnceNamingAddressAndSetting(string url, string address)
    {
        // Arrange
        await using var host = new ExecutorHost(new Dictionary<string, string?>());
        var data = new JsonObject { ["url"] = url };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Contains(
            $"refused: {address} is a private or special-purpose address; set HttpNode__AllowPrivateNetworks=true to allow",
            result.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_HostNameResolvingToLoopback_IsRefusedBeforeConnecting()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("secret"));
        await using var host = new ExecutorHost(new Dictionary<string, string?>());
        var data = new JsonObject { ["url"] = $"http://localhost:{server.BaseAddress.Port}/" };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 0), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Contains("localhost was refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RedirectToPrivateAddress_IsRefusedAtTheRedirectHop()
    {
        // Arrange: only 127.0.0.1 is allowed; the server redirects to 127.0.0.2, another loopback address.
        LoopbackServer? server = null;
        server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.Redirect($"http://127.0.0.2:{server!.BaseAddress.Port}/metadata");
            return Task.CompletedTask;
        });
        await using var running = server;
        await using var host = new ExecutorHost(new Dictionary<string, string?> { ["HttpNode:AllowedNetworks:0"] = "127.0.0.1/32" });
        var data = new JsonObject { ["url"] = server.Url("start").ToString() };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 1), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Contains("refused: 127.0.0.2 is a private or special-purpose address", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_MoreRedirectsThanAllowed_FailsWithRedirectStatus()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, index) =>
        {
            context.Response.Redirect($"/hop{index + 1}");
            return Task.CompletedTask;
        });
        await using var host = new ExecutorHost(new Dictionary<string, string?> { ["HttpNode:AllowPrivateNetworks"] = "true" });
        var data = new JsonObject { ["url"] = server.Url("hop0").ToString() };

        // Act
        var result = await host.Http.ExecuteAsync(NodeRequests.For(NodeTypes.Http, data), CancellationToken.None);

        // Assert: the first request plus five followed redirects.
        Assert.Equal((false, 6), (result.Succeeded, server.Requests.Count));
        Assert.Contains("returned 302", result.Error, StringComparison.Ordinal);
    }
}
