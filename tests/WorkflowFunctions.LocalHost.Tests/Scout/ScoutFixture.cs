using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowFunctions.LocalHost.Tests.Api;

namespace WorkflowFunctions.LocalHost.Tests.Scout;

/// <summary>
/// One LocalHost on Azurite for the Scout tests. A non-streaming execute waits at most <see cref="WaitSeconds"/> (the
/// native <c>Api:MaxWaitSeconds</c>), so a run that does not end is answered in time; cancels terminate at once. Each
/// test works in an account of its own.
/// </summary>
public sealed class ScoutFixture : IAsyncLifetime, IDisposable
{
    public const int WaitSeconds = 4;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public LocalHost Host { get; private set; } = null!;

    /// <summary>Where the document's <c>https://api.scoutos.com</c> is served.</summary>
    public Uri BaseUrl => new(Host.BaseAddress, "api/compat/scout");

    public async Task InitializeAsync()
    {
        (Host, _) = await ApiHost.StartAsync(
            rateLimitPerMinute: 100_000,
            extra: new Dictionary<string, string?>
            {
                ["Api:MaxWaitSeconds"] = WaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Api:CancelGraceSeconds"] = "0",
                ["Api:EventPollIntervalMs"] = "200",
            });
        _http.BaseAddress = Host.BaseAddress;
    }

    /// <summary>A new, empty account with an admin key: its Scout client and its native client.</summary>
    internal async Task<ScoutAccount> NewAccountAsync()
    {
        var bootstrap = new ApiClient(_http, ApiHost.BootstrapKey);
        var account = "scout-" + Guid.NewGuid().ToString("N")[..10];
        var created = await bootstrap.PostAsync(
            "v1/keys", new JsonObject { ["name"] = "scout", ["account_id"] = account, ["scopes"] = new JsonArray("admin") });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var key = created.Text("key");
        return new ScoutAccount(account, created.Text("id"), key, new ScoutClient(_http, key), bootstrap.WithKey(key));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ScoutGroup : ICollectionFixture<ScoutFixture>
{
    public const string Name = "Scout on Azurite";
}

/// <summary>An account of the Scout tests: its id, key id and key, the Scout API and the native API with that key.</summary>
internal sealed record ScoutAccount(string Id, string KeyId, string Key, ScoutClient Scout, ApiClient Native);

/// <summary>What an answer was: its status, content type, body text, JSON (when it is), and headers.</summary>
internal sealed record ScoutAnswer(HttpStatusCode Status, string? ContentType, string Text, HttpResponseHeaders Headers)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException($"No JSON: '{Text}'");

    /// <summary>The server-sent events of a stream: (event name, data as JSON), in order.</summary>
    public IReadOnlyList<(string Name, JsonNode Data)> Events =>
        [.. Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Where(lines => lines.Any(l => l.StartsWith("data: ", StringComparison.Ordinal)))
            .Select(lines => (
                lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..],
                JsonNode.Parse(string.Concat(lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..])))!))];
}

/// <summary>The Scout API called from C# with <c>Authorization: Bearer</c>: by default the account's key; <c>null</c> sends none.</summary>
internal sealed class ScoutClient(HttpClient http, string key)
{
    public async Task<ScoutAnswer> SendAsync(HttpMethod method, string path, string? body = null, string? withKey = "")
    {
        using var request = new HttpRequestMessage(method, new Uri("api/compat/scout/" + path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        }

        if ((withKey == string.Empty ? key : withKey) is { } presented)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", presented);
        }

        // Read to the end: a stream's answer completes only when the server closes it.
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ScoutAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response.Headers);
    }

    public Task<ScoutAnswer> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    public Task<ScoutAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Executes <paramref name="config"/> with <paramref name="inputs"/>; <paramref name="query"/> is appended as it is.</summary>
    public Task<ScoutAnswer> ExecuteAsync(JsonNode config, JsonObject? inputs = null, bool streaming = false, string query = "") =>
        PostAsync("v2/workflows/execute" + query, new JsonObject { ["workflow_config"] = config, ["inputs"] = inputs, ["streaming"] = streaming });

    /// <summary>Saves a workflow through this API and returns its id.</summary>
    public async Task<string> CreateAsync(JsonNode config, string name = "scout workflow")
    {
        var created = await PostAsync("v2/workflows", new JsonObject { ["workflow_display_name"] = name, ["workflow_config"] = config });
        Assert.True(created.Status == HttpStatusCode.OK, created.Text);
        return created.Json["data"]!["workflow_id"]!.GetValue<string>();
    }
}
