using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.LocalHost.Tests.Api;

namespace WorkflowFunctions.LocalHost.Tests.ScriptRun;

/// <summary>
/// One LocalHost on Azurite for the ScriptRun tests, with LLM nodes calling a loopback OpenAI-compatible server
/// (<see cref="Llm"/>) and cancels that terminate at once (so a run stopped by force, with no result of its own, is
/// what the tests see). Each test works in an account of its own, so the document's example workflow ids (6, 271)
/// can be created where they are needed.
/// </summary>
public sealed class ScriptRunFixture : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private WebApplication _llm = null!;

    public LocalHost Host { get; private set; } = null!;

    /// <summary>Where the document's <c>https://scriptrun.ai</c> is served.</summary>
    public Uri BaseUrl => new(Host.BaseAddress, "api/compat/scriptrun/");

    /// <summary>The native API with the bootstrap key (creates keys, cancels runs).</summary>
    internal ApiClient Native { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _llm = await Llm.StartAsync();
        (Host, _) = await ApiHost.StartAsync(
            rateLimitPerMinute: 100_000,
            extra: new Dictionary<string, string?>
            {
                ["Llm:Provider"] = "openai",
                ["Llm:Endpoint"] = _llm.Urls.First() + "/v1",
                ["Llm:ApiKey"] = Llm.Key,
                ["Api:CancelGraceSeconds"] = "0",
                ["Api:ResultPollIntervalMs"] = "100",
            });
        _http.BaseAddress = Host.BaseAddress;
        Native = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    /// <summary>An admin key of a new, empty account, and a ScriptRun client using it.</summary>
    internal async Task<ScriptRunClient> NewAccountAsync()
    {
        var account = "sr-" + Guid.NewGuid().ToString("N")[..10];
        var created = await Native.PostAsync(
            "v1/keys",
            new JsonObject { ["name"] = "scriptrun", ["account_id"] = account, ["scopes"] = new JsonArray("admin") });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return new ScriptRunClient(_http, created.Text("key"));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The LLM the workflows call: it answers every prompt with a ```json fenced object echoing the user message (the
    /// document's known quirk, which its <c>parse_content</c> strips), and reports ten prompt tokens per character of
    /// it, so runs with different inputs cost different amounts.
    /// </summary>
    internal static class Llm
    {
        public const string Key = "sk-scriptrun-tests";

        public static async Task<WebApplication> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                var body = (await JsonNode.ParseAsync(context.Request.Body))!;
                var user = body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!.ToString();
                var reply = "```json\n" + new JsonObject { ["reply"] = user }.ToJsonString() + "\n```";
                return Results.Json(new
                {
                    id = "chatcmpl-1",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model = body["model"]!.GetValue<string>(),
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = user.Length * 10, completion_tokens = 20, total_tokens = (user.Length * 10) + 20 },
                });
            });
            await app.StartAsync();
            return app;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScriptRunGroup : ICollectionFixture<ScriptRunFixture>
{
    public const string Name = "ScriptRun on Azurite";
}

/// <summary>The ScriptRun API called from C# with one account's key, for setting up what the snippets then use.</summary>
internal sealed class ScriptRunClient(HttpClient http, string key)
{
    public string Key => key;

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> SendAsync(
        HttpMethod method, string path, string? body = null, string contentType = "application/json", bool bearer = false, bool withKey = true)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/compat/scriptrun/api/v1/" + path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (withKey)
        {
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            else
            {
                request.Headers.Add("X-Api-Key", key);
            }
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>In a new account: saves drafts until the next id is <paramref name="id"/>, then <paramref name="data"/> as that workflow.</summary>
    public async Task CreateAsAsync(int id, JsonNode data, string title = "Greeting")
    {
        for (var next = 1; next < id; next++)
        {
            Assert.Equal(next, await CreateAsync("filler", new JsonObject()));
        }

        Assert.Equal(id, await CreateAsync(title, data));
    }

    /// <summary>Saves a workflow of project 307 and returns its integer id.</summary>
    public async Task<int> CreateAsync(string title, JsonNode data)
    {
        var body = new JsonObject { ["project"] = 307, ["title"] = title, ["data"] = data.DeepClone() };
        var (status, created, _) = await SendAsync(HttpMethod.Post, "workflows/", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);
        return created!["id"]!.GetValue<int>();
    }

    /// <summary>Starts a run with an X-Api-Key flat body and returns its id.</summary>
    public async Task<string> RunAsync(int workflow, string body)
    {
        var (status, started, _) = await SendAsync(HttpMethod.Post, $"workflows/{workflow}/run/", body);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(started!["status"]!.GetValue<int>() == 201, started.ToJsonString());
        return started["data"]!["id"]!.GetValue<string>();
    }

    /// <summary>Reads <c>workflow_result/</c> until the run's status is terminal.</summary>
    public async Task<JsonNode> ResultAsync(string runId)
    {
        var until = DateTime.UtcNow + ApiClient.RunDeadline;
        while (true)
        {
            var (status, body, _) = await GetAsync($"workflows/workflow_result/?id={runId}");
            Assert.Equal(HttpStatusCode.OK, status);
            if (body!["data"]!["status"]!.GetValue<string>() is "succeed" or "failed")
            {
                return body["data"]!;
            }

            Assert.True(DateTime.UtcNow < until, $"Run {runId} did not end in time: {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
