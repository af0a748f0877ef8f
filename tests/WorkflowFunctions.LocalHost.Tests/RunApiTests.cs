using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests;

[Collection(LocalHostGroup.Name)]
public class RunApiTests(LocalHostFixture fixture)
{
    private static JsonNode PureDefinition() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"name","type":"text","input_requirements":true}]}},
          {"id":"i","type":"if-else-node","data":{"condition":{"left":"{{ input.name }}","operator":"starts_with","right":"A"}}},
          {"id":"yes","type":"output-node","data":{"output":"Hello {{ input.name }}"}},
          {"id":"no","type":"output-node","data":{"output":"Bye {{ input.name }}"}}
        ],"edges":[{"source":"t","target":"i"},
          {"source":"i","target":"yes","sourceHandle":"condition-true"},
          {"source":"i","target":"no","sourceHandle":"condition-false"}]}
        """)!;

    private async Task<JsonNode> RunToEndAsync(string name)
    {
        var start = await fixture.Client.PostAsJsonAsync(
            "api/v1/runs",
            new JsonObject { ["definition"] = PureDefinition(), ["input"] = new JsonObject { ["name"] = name } });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/runs/{id}", start.Headers.Location!.OriginalString);
        return await PollAsync(id);
    }

    private async Task<JsonNode> PollAsync(string id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var run = (await fixture.Client.GetFromJsonAsync<JsonNode>($"api/v1/runs/{id}", limit.Token))!;
            if (run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            await Task.Delay(50, limit.Token);
        }
    }

    [Fact]
    public async Task Health_WithoutKey_IsOk()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var response = await anonymous.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonNode>())!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Ada", "yes", "Hello Ada")]
    [InlineData("Bob", "no", "Bye Bob")]
    public async Task StartAndPoll_PureWorkflow_RunsOnTheDurableEngineToTheTakenOutput(string name, string output, string content)
    {
        var run = await RunToEndAsync(name);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(content, run["result"]!["outputs"]![output]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAndPoll_FailingNode_ReportsFailedRunWithNodeError()
    {
        var definition = JsonNode.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"h","type":"http-node","data":{"url":"https://example.invalid/x"}},
              {"id":"o","type":"output-node","data":{}}
            ],"edges":[{"source":"t","target":"h"},{"source":"h","target":"o"}]}
            """);
        var start = await fixture.Client.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = definition, ["input"] = new JsonObject() });
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();

        var run = await PollAsync(id);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal("h", run["result"]!["error"]!["node_id"]!.GetValue<string>());
        Assert.Equal("failed", run["result"]!["nodes"]!["h"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_WithoutKey_Is401ProblemWithError()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var response = await anonymous.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = PureDefinition() });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("API key", (await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidWorkflow_Is422WithEveryFinding()
    {
        var definition = PureDefinition();
        definition["start_node"] = "ghost";
        definition["nodes"]![1]!["data"]!["condition"]!["operator"] = "~";

        var response = await fixture.Client.PostAsJsonAsync(
            "api/v1/runs",
            new JsonObject { ["definition"] = definition, ["input"] = new JsonObject { ["name"] = "x" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("start_node.unknown", codes);
        Assert.Contains("if_else.unknown_operator", codes);
    }

    [Fact]
    public async Task Start_MissingRequiredInput_Is422NamingTheField()
    {
        var response = await fixture.Client.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = PureDefinition(), ["input"] = new JsonObject() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("name", (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_MalformedJson_Is400()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        var response = await fixture.Client.PostAsync(new Uri("api/v1/runs", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetRun_Unknown_Is404()
    {
        var response = await fixture.Client.GetAsync(new Uri("api/v1/runs/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
