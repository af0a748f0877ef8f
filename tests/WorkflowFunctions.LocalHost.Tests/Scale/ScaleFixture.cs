using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.LocalHost.Tests.Api;

namespace WorkflowFunctions.LocalHost.Tests.Scale;

/// <summary>
/// One LocalHost on Azurite for the Scale tests, with LLM nodes calling a loopback OpenAI-compatible server
/// (<see cref="Llm"/>) and cancels that terminate at once. Each test works in an account of its own.
/// </summary>
public sealed class ScaleFixture : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private WebApplication _llm = null!;

    public LocalHost Host { get; private set; } = null!;

    /// <summary>Where the document's <c>https://&lt;your-sgp-host&gt;/corp-api/compass/api</c> is served.</summary>
    public Uri BaseUrl => new(Host.BaseAddress, "api/compat/scale");

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
    }

    /// <summary>A new, empty account with an admin key: its Scale client and its native client (for saving workflows).</summary>
    internal async Task<ScaleAccount> NewAccountAsync()
    {
        var bootstrap = new ApiClient(_http, ApiHost.BootstrapKey);
        var account = "scale-" + Guid.NewGuid().ToString("N")[..10];
        var created = await bootstrap.PostAsync(
            "v1/keys",
            new JsonObject { ["name"] = "scale", ["account_id"] = account, ["scopes"] = new JsonArray("admin") });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var key = created.Text("key");
        return new ScaleAccount(account, key, new ScaleClient(_http, key, account), bootstrap.WithKey(key));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The LLM the map-rows cards call: it rates the review at the end of the prompt, <c>0.9</c> when it says "love"
    /// or "great", <c>0.6</c> for "ok", else <c>0.1</c>; a review saying "explode" gets an answer that is not a number.
    /// </summary>
    internal static class Llm
    {
        public const string Key = "sk-scale-tests";

        public static string Rate(string prompt)
        {
            var at = prompt.LastIndexOf("Review:", StringComparison.Ordinal);
            var review = (at < 0 ? prompt : prompt[at..]).ToUpperInvariant();
            return review.Contains("EXPLODE", StringComparison.Ordinal) ? "no idea"
                : review.Contains("LOVE", StringComparison.Ordinal) || review.Contains("GREAT", StringComparison.Ordinal) ? "0.9"
                : review.Contains("OK", StringComparison.Ordinal) ? "0.6"
                : "0.1";
        }

        public static async Task<WebApplication> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                var body = (await JsonNode.ParseAsync(context.Request.Body))!;
                var user = body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!.ToString();
                return Results.Json(new
                {
                    id = "chatcmpl-1",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model = body["model"]!.GetValue<string>(),
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = Rate(user) }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 10, completion_tokens = 1, total_tokens = 11 },
                });
            });
            await app.StartAsync();
            return app;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleGroup : ICollectionFixture<ScaleFixture>
{
    public const string Name = "Scale on Azurite";
}

/// <summary>An account of the Scale tests: its id and key, the Scale API and the native API with that key.</summary>
internal sealed record ScaleAccount(string Id, string Key, ScaleClient Scale, ApiClient Native)
{
    /// <summary>Saves a workflow through the native API and returns its id (<c>wf_...</c>).</summary>
    public Task<string> SaveAsync(JsonNode graph, string title = "scale workflow") => Native.CreateWorkflowAsync(graph, title);
}

/// <summary>
/// The Scale API called from C# with the document's two headers: by default the account's key and id; <c>null</c>
/// leaves a header out, any other value is sent instead.
/// </summary>
internal sealed class ScaleClient(HttpClient http, string key, string account)
{
    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> SendAsync(
        HttpMethod method, string path, string? body = null, string? withKey = "", string? withAccount = "")
    {
        using var request = new HttpRequestMessage(method, new Uri("api/compat/scale/" + path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        }

        if ((withKey == string.Empty ? key : withKey) is { } presented)
        {
            request.Headers.Add("x-scale-api-key", presented);
        }

        if ((withAccount == string.Empty ? account : withAccount) is { } claimed)
        {
            request.Headers.Add("x-selected-account-id", claimed);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Starts a session and returns its id.</summary>
    public async Task<string> RunAsync(string workflowId, JsonObject? variables = null)
    {
        var body = new JsonObject { ["workflowId"] = workflowId, ["variables"] = variables };
        var (status, started, _) = await SendAsync(HttpMethod.Post, "v1/workflow/run", body.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, started?.ToJsonString());
        return started!["sessionId"]!.GetValue<string>();
    }

    /// <summary>Reads the session until its status is <paramref name="status"/>; fails the test at the deadline.</summary>
    public async Task<JsonNode> SessionUntilAsync(string sessionId, string status)
    {
        var until = DateTime.UtcNow + ApiClient.RunDeadline;
        while (true)
        {
            var (code, body, _) = await GetAsync($"v1/sessions/{sessionId}");
            Assert.Equal(HttpStatusCode.OK, code);
            if ((string?)body!["sessionState"]!["status"] == status)
            {
                return body["sessionState"]!;
            }

            Assert.True(DateTime.UtcNow < until, $"Session {sessionId} did not become {status} in time: {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
