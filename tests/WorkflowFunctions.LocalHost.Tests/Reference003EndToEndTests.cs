using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// The reference 003 example end to end over HTTP on the LocalHost, with the real LLM executor calling an
/// OpenAI-compatible chat-completions server on loopback: both branches, each LLM node's content, usage and cost.
/// </summary>
public sealed class Reference003EndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _client = new();
    private WebApplication _llm = null!;
    private LocalHost _host = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _llm = builder.Build();
        _llm.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != "Bearer sk-local")
            {
                return Results.Json(new { error = new { message = "bad key" } }, statusCode: 401);
            }

            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            var user = body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!.ToString();
            return Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = body["model"]!.GetValue<string>(),
                choices = new[] { new { index = 0, message = new { role = "assistant", content = "Reply to: " + user }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1000, completion_tokens = 500, total_tokens = 1500 },
            });
        });
        await _llm.StartAsync();

        _host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            settings: new Dictionary<string, string?>
            {
                ["Auth:BootstrapKey"] = LocalHostFixture.ApiKey,
                ["Llm:Provider"] = "openai",
                ["Llm:Endpoint"] = _llm.Urls.First() + "/v1",
                ["Llm:ApiKey"] = "sk-local",
            });
        _client.BaseAddress = _host.BaseAddress;
        _client.DefaultRequestHeaders.Add("x-api-key", LocalHostFixture.ApiKey);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("positive", "58a35684-7d25-4dff-b012-609eab065751", "8f6bd336-3d7c-41fe-b94c-d47974c1e056", "encouraging")]
    [InlineData("negative", "8f6bd336-3d7c-41fe-b94c-d47974c1e056", "58a35684-7d25-4dff-b012-609eab065751", "empathetic")]
    public async Task Reference003_RunsTheTakenBranchThroughTheRealLlmExecutor(string category, string taken, string skipped, string word)
    {
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-003-workflow.json")))!["data"];

        var start = await _client.PostAsJsonAsync(
            "api/v1/runs",
            new JsonObject { ["definition"] = data!.DeepClone(), ["input"] = new JsonObject { ["category"] = category } });
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var run = await PollAsync(id);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        var result = run["result"]!;
        var node = result["nodes"]![taken]!;
        Assert.Equal("succeeded", node["status"]!.GetValue<string>());
        Assert.Contains(word, node["result"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("gpt-4o", node["result"]!["model"]!.GetValue<string>());
        Assert.Equal(1000, node["result"]!["usage"]!["input_tokens"]!.GetValue<int>());
        Assert.Equal(500, node["result"]!["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.True(node["result"]!["cost"]!.GetValue<decimal>() > 0);
        Assert.Equal("skipped", result["nodes"]![skipped]!["status"]!.GetValue<string>());
        Assert.Equal(node["result"]!["cost"]!.GetValue<decimal>(), result["metrics"]!["total_cost"]!.GetValue<decimal>());
        Assert.Equal(1000, result["metrics"]!["input_tokens"]!.GetValue<int>());
    }

    private async Task<JsonNode> PollAsync(string id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = (await _client.GetFromJsonAsync<JsonNode>($"api/v1/runs/{id}", limit.Token))!;
            if (run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            await Task.Delay(50, limit.Token);
        }
    }
}
