using System.Net;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary><c>GET /api/health</c>: the one endpoint without a key.</summary>
[Collection(ApiGroup.Name)]
public class HealthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Health_WithoutKey_ReportsAzuriteReachable()
    {
        var response = await fixture.Api.WithKey(null).GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ok", response.Text("status"));
        Assert.True(response.Body!["storage"]!["reachable"]!.GetValue<bool>());
        Assert.Equal("Azurite", response.Body["storage"]!["backend"]!.GetValue<string>());
    }
}
