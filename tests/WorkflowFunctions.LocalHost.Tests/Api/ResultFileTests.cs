using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// The native run view's <c>links.result_file</c>: an absolute URL on the request's host that downloads the ended run's
/// <c>result.json</c> without an API key, refused without its signature or with any part of it changed.
/// </summary>
[Collection(ApiGroup.Name)]
public class ResultFileTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task ResultFile_OfAFinishedRun_DownloadsWithoutAKey()
    {
        // Arrange
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var run = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject { ["name"] = "Ada" });
        // The run view reads the orchestration, which may commit its end a moment after the wait answered.
        var read = await Api.PollAsync($"v1/runs/{run.Text("id")}", r => r["status"]?.GetValue<string>() == "succeeded");
        var url = new Uri(read["links"]!["result_file"]!.GetValue<string>());

        // Act
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(url);
        var file = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Assert
        Assert.Equal((fixture.Host.BaseAddress.Authority, $"/api/results/{run.Text("id")}/result.json"), (url.Authority, url.AbsolutePath));
        Assert.StartsWith(url.GetLeftPart(UriPartial.Path) + "?expires=", run.Body!["links"]!["result_file"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"result.json\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(
            (run.Text("id"), workflow, "succeeded", "Hello Ada"),
            ((string?)file["run_id"], (string?)file["workflow_id"], (string?)file["status"], (string?)file["output"]));
        Assert.Equal("Hello Ada", (string?)file["outputs"]!["o"]!["content"]);
        Assert.Equal("succeeded", (string?)file["nodes"]!["o"]!["status"]);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("signature")]
    [InlineData("expires")]
    [InlineData("run")]
    public async Task ResultFile_LinkChanged_Is403WithAnError(string change)
    {
        // Arrange: two finished runs; the link of the first, changed.
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var first = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject { ["name"] = "Ada" });
        var second = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject { ["name"] = "Bob" });
        var url = first.Body!["links"]!["result_file"]!.GetValue<string>();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        var path = new Uri(url).GetLeftPart(UriPartial.Path);
        var changed = change switch
        {
            "unsigned" => path,
            "signature" => $"{path}?expires={query["expires"]}&signature={Flip(query["signature"]!)}",
            "expires" => $"{path}?expires={long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600}"
                + $"&signature={query["signature"]}",
            _ => url.Replace(first.Text("id"), second.Text("id"), StringComparison.Ordinal),
        };

        // Act
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(new Uri(changed));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]));
    }

    [Fact]
    public async Task ResultFile_OfAResultKeptInTheResultStore_DownloadsWhole()
    {
        // Arrange: a result over the inline limit (256 KiB), which the orchestration keeps only a reference to.
        var text = new string('x', 500_000);
        var graph = JsonNode.Parse("""
            {"start_node": "t", "nodes": [
              {"id": "t", "type": "trigger-node", "data": {"input_fields": [{"id": "text", "type": "text"}]}},
              {"id": "o", "type": "output-node", "data": {"output": "{{ input.text }}"}}
            ], "edges": [{"source": "t", "target": "o"}]}
            """)!;
        var workflow = await Api.CreateWorkflowAsync(graph);
        var run = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject { ["text"] = text });
        var read = await Api.PollAsync($"v1/runs/{run.Text("id")}", r => r["status"]?.GetValue<string>() == "succeeded");

        // Act
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(new Uri(read["links"]!["result_file"]!.GetValue<string>()));
        var file = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(text, (string?)file["output"]);
        Assert.Equal(text, (string?)file["outputs"]!["o"]!["content"]);
    }

    [Fact]
    public async Task RunView_WhileWaitingForApproval_HasNoResultFile()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var runId = await Api.StartRunAsync(workflow, new JsonObject());

        var waiting = await Api.PollAsync($"v1/runs/{runId}", run => run["status"]?.GetValue<string>() == "waiting");

        Assert.Null(waiting["links"]!["result_file"]);
        Assert.NotNull(waiting["links"]!["self"]);
    }

    private static string Flip(string signature) => (signature[0] == 'A' ? "B" : "A") + signature[1..];
}
