using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowFunctions.LocalHost.Tests.Api;

namespace WorkflowFunctions.LocalHost.Tests.ScriptSo;

/// <summary>
/// One LocalHost on Azurite for the Script.so tests, with a known result-link signing secret (so a test can sign a link
/// that has expired). Each test works in an account of its own.
/// </summary>
public sealed class ScriptSoFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The <c>Results__SigningSecret</c> of this host.</summary>
    public const string SigningSecret = "scriptso-tests-result-links-secret-0123456789";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public LocalHost Host { get; private set; } = null!;

    /// <summary>Where the document's <c>https://script.so/api/v1</c> is served.</summary>
    public Uri BaseUrl => new(Host.BaseAddress, "api/compat/scriptso/");

    /// <summary>The native API with the bootstrap key (creates keys and workflows, cancels runs).</summary>
    internal ApiClient Native { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (Host, _) = await ApiHost.StartAsync(
            rateLimitPerMinute: 100_000,
            extra: new Dictionary<string, string?> { ["Results:SigningSecret"] = SigningSecret, ["Api:CancelGraceSeconds"] = "5" });
        _http.BaseAddress = Host.BaseAddress;
        Native = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    /// <summary>An admin key of a new, empty account, and clients of both APIs using it.</summary>
    internal async Task<ScriptSoClient> NewAccountAsync()
    {
        var account = "so-" + Guid.NewGuid().ToString("N")[..10];
        var created = await Native.PostAsync(
            "v1/keys",
            new JsonObject { ["name"] = "scriptso", ["account_id"] = account, ["scopes"] = new JsonArray("admin") });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var key = created.Text("key");
        return new ScriptSoClient(_http, key, Native.WithKey(key));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ScriptSoGroup : ICollectionFixture<ScriptSoFixture>
{
    public const string Name = "Script.so on Azurite";
}

/// <summary>The Script.so API called from C# with one account's key, and the native API with the same key for setting up.</summary>
internal sealed class ScriptSoClient(HttpClient http, string key, ApiClient native)
{
    public string Key => key;

    public ApiClient Native => native;

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> SendAsync(
        HttpMethod method, string path, string? body = null, bool withKey = true, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri("api/compat/scriptso/" + path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (withKey)
        {
            request.Headers.Add("x-api-key", key);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Saves a workflow through the native API and returns its UUID.</summary>
    public async Task<string> CreateAsync(JsonNode graph, string title = "Send welcome email", string? description = null)
    {
        var body = new JsonObject { ["title"] = title, ["data"] = graph.DeepClone() };
        if (description is not null)
        {
            body["description"] = description;
        }

        var created = await native.PostAsync("v1/workflows", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Text("uuid");
    }

    /// <summary>Reads the execution until its status is <c>finished</c> or <c>error</c>.</summary>
    public async Task<JsonNode> PollAsync(string workflowId, string executionId)
    {
        var until = DateTime.UtcNow + ApiClient.RunDeadline;
        while (true)
        {
            var (status, body, _) = await GetAsync($"workflows/{workflowId}/executions/{executionId}");
            Assert.Equal(HttpStatusCode.OK, status);
            if ((string?)body!["status"] is "finished" or "error")
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < until, $"Execution {executionId} did not end in time: {body.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
