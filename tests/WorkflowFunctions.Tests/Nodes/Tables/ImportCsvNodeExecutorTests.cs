using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Nodes.Tables;

/// <summary>An import-csv-node with a url: fetched through the http-node's guarded client, then parsed by the engine.</summary>
public sealed class ImportCsvNodeExecutorTests
{
    private static readonly Dictionary<string, string?> Loopback = new() { ["HttpNode:AllowPrivateNetworks"] = "true" };

    private static NodeExecutionRequest Request(JsonObject data, JsonObject? input = null, IReadOnlyList<string>? variables = null) =>
        NodeRequests.For(NodeTypes.ImportCsv, data, input) with { Variables = variables };

    [Fact]
    public async Task ExecuteAsync_CsvAtUrl_IsATableWithRenderedUrlAndHeaders()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.ContentType = "text/csv";
            return context.Response.WriteAsync("region;sales\nUS;10\nEU;7");
        });
        await using var host = new ExecutorHost(Loopback);
        var data = new JsonObject
        {
            ["url"] = server.Url("exports/{{ region }}.csv").ToString(),
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer {{ input.token }}" },
        };

        // Act
        var result = await host.ImportCsv.ExecuteAsync(
            Request(data, new JsonObject { ["region"] = "all", ["token"] = "t0k" }, ["region"]),
            CancellationToken.None);

        // Assert
        Assert.True(result.Succeeded, result.Error);
        Assert.True(TableValue.IsTable(result.Result));
        Assert.Equal(2, (int)result.Result!["row_count"]!);
        Assert.Equal(10, (int)result.Result["rows"]![0]!["sales"]!);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/exports/all.csv", "Bearer t0k"), (request.Method, request.PathAndQuery, request.Headers["Authorization"]));
    }

    [Fact]
    public async Task ExecuteAsync_PrivateAddressByDefault_IsRefusedLikeAnHttpNode()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("a\n1"));
        await using var host = new ExecutorHost(new Dictionary<string, string?>());

        // Act
        var result = await host.ImportCsv.ExecuteAsync(Request(new JsonObject { ["url"] = server.Url("a.csv").ToString() }), CancellationToken.None);

        // Assert
        Assert.Equal((false, false, 0), (result.Succeeded, result.Retryable, server.Requests.Count));
        Assert.Contains("HttpNode__AllowPrivateNetworks", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BodyLargerThanTheTableLimit_FailsWithoutParsing()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("a\n" + new string('x', 5000)));
        await using var host = new ExecutorHost(new Dictionary<string, string?>(Loopback) { ["Tables:MaxBytes"] = "1000" });

        // Act
        var result = await host.ImportCsv.ExecuteAsync(Request(new JsonObject { ["url"] = server.Url("big.csv").ToString() }), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Contains("more than 1000 bytes", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(503, true)]
    public async Task ExecuteAsync_ErrorStatus_FailsRetryablyOnlyWhenTransient(int status, bool retryable)
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await using var host = new ExecutorHost(new Dictionary<string, string?>(Loopback) { ["HttpNode:MaxAttempts"] = "1" });

        // Act
        var result = await host.ImportCsv.ExecuteAsync(Request(new JsonObject { ["url"] = server.Url("a.csv").ToString() }), CancellationToken.None);

        // Assert
        Assert.Equal((false, retryable), (result.Succeeded, result.Retryable));
        Assert.Contains($"returned {status}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CsvThatDoesNotImport_FailsNamingTheRow()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("a,b\n1,2\n1,2,3"));
        await using var host = new ExecutorHost(Loopback);

        // Act
        var result = await host.ImportCsv.ExecuteAsync(Request(new JsonObject { ["url"] = server.Url("a.csv").ToString() }), CancellationToken.None);

        // Assert
        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Equal("Import-csv node 'node-1': Row 2 has 3 fields; the header has 2.", result.Error);
    }
}
