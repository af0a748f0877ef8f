using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Moq;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Tests.Api;

/// <summary><c>GET /api/health</c> over storage that answers and storage that does not (the end-to-end test covers Azurite).</summary>
public class HealthFunctionTests
{
    [Fact]
    public async Task Run_StorageAnswers_Returns200Reachable()
    {
        var health = new HealthFunction(StorageTables.InMemory());

        var response = Assert.IsType<ContentResult>(await health.Run(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.Equal(200, response.StatusCode);
        Assert.True(JsonNode.Parse(response.Content!)!["storage"]!["reachable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Run_StorageFails_Returns503Unreachable()
    {
        var table = new Mock<ITableStore>();
        table.Setup(t => t.GetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "The server is busy."));
        var health = new HealthFunction(new StorageTables("broken", _ => table.Object, new InMemoryPayloadStore(), new StorageOptions()));

        var response = Assert.IsType<ContentResult>(await health.Run(new DefaultHttpContext().Request, CancellationToken.None));

        Assert.Equal(503, response.StatusCode);
        var body = JsonNode.Parse(response.Content!)!;
        Assert.Equal("unhealthy", body["status"]!.GetValue<string>());
        Assert.False(body["storage"]!["reachable"]!.GetValue<bool>());
        Assert.Equal("broken", body["storage"]!["backend"]!.GetValue<string>());
    }
}
