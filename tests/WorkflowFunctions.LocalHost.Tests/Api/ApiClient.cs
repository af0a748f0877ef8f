using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Calls the native API over real HTTP with one API key: JSON in and out, and a run polled to its end with a
/// deadline, so the tests share one way of talking to the service instead of copying loops.
/// </summary>
internal sealed class ApiClient(HttpClient http, string? key)
{
    public static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The key this client sends.</summary>
    public string? Key => key;

    /// <summary>The same service called with another key (null sends none).</summary>
    public ApiClient WithKey(string? other) => new(http, other);

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ApiResponse> PostAsync(string path, JsonNode? body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, Json(body), headers);

    public Task<ApiResponse> PatchAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Patch, path, Json(body));

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/" + path.TrimStart('/'), UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(
            response.StatusCode,
            text.Length == 0 ? null : JsonNode.Parse(text),
            response.Headers,
            response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Saves a workflow and returns its ID.</summary>
    public async Task<string> CreateWorkflowAsync(JsonNode graph, string title = "test workflow", string? project = null)
    {
        var body = new JsonObject { ["title"] = title, ["data"] = graph.DeepClone() };
        if (project is not null)
        {
            body["project"] = project;
        }

        var created = await PostAsync("v1/workflows", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Text("id");
    }

    /// <summary>Starts a run of a saved workflow and returns its ID.</summary>
    public async Task<string> StartRunAsync(string workflowId, JsonNode? input)
    {
        var started = await PostAsync($"v1/workflows/{workflowId}/runs", input ?? new JsonObject());
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        return started.Text("id");
    }

    /// <summary>Reads the run until it is final (succeeded, failed or cancelled); fails the test at the deadline.</summary>
    public Task<JsonNode> PollRunAsync(string runId) =>
        PollAsync($"v1/runs/{runId}", run => run["status"]?.GetValue<string>() is "succeeded" or "failed" or "cancelled");

    /// <summary>Reads the run until the node is waiting for approval.</summary>
    public Task<JsonNode> PollUntilWaitingAsync(string runId, string nodeId) =>
        PollAsync($"v1/runs/{runId}", run => run["progress"]?["nodes"]?[nodeId]?.GetValue<string>() == "waiting");

    /// <summary>Reads <paramref name="path"/> until <paramref name="done"/> holds for its body; fails the test at the deadline.</summary>
    public async Task<JsonNode> PollAsync(string path, Func<JsonNode, bool> done, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? RunDeadline);
        while (true)
        {
            var response = await GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            if (done(response.Body!))
            {
                return response.Body!;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"GET {path} did not reach the expected state before the deadline; last: {response.Body!.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Reads the batch every <paramref name="interval"/> until it is no longer running; fails the test at the
    /// deadline. Returns its last state and the most items it reported running in any one read.
    /// </summary>
    public async Task<(JsonNode Batch, int MaxReportedRunning)> PollBatchAsync(string batchId, TimeSpan deadline, TimeSpan interval)
    {
        var until = DateTime.UtcNow + deadline;
        var maxRunning = 0;
        while (true)
        {
            var response = await GetAsync($"v1/batches/{batchId}");
            Assert.Equal(HttpStatusCode.OK, response.Status);
            var batch = response.Body!;
            maxRunning = Math.Max(maxRunning, batch["counts"]!["running"]!.GetValue<int>());
            if (batch["status"]!.GetValue<string>() != "running")
            {
                return (batch, maxRunning);
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Batch {batchId} was still running at the deadline; last: {batch.ToJsonString()}");
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>Every item of a paged list, following <c>next_cursor</c>.</summary>
    public async Task<List<JsonNode>> ListAllAsync(string path)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await GetAsync(cursor is null ? path : $"{path}{separator}cursor={cursor}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            items.AddRange(page.Body!["items"]!.AsArray().Select(i => i!));
            cursor = page.Body["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    private static StringContent? Json(JsonNode? body) =>
        body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
}

/// <summary>A response read to the end: status, JSON body, headers and media type.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, string? MediaType)
{
    public string Text(string member) =>
        Body?[member]?.GetValue<string>() ?? throw new InvalidOperationException($"The body has no '{member}': {Body?.ToJsonString()}");

    public JsonArray Items => Body?["items"]?.AsArray() ?? throw new InvalidOperationException($"The body has no 'items': {Body?.ToJsonString()}");

    /// <summary>Asserts an RFC 9457 problem with this status whose <c>error</c> names the problem.</summary>
    public void AssertProblem(HttpStatusCode status, string mentions)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", MediaType);
        Assert.Equal((int)status, Body!["status"]!.GetValue<int>());
        Assert.Contains(mentions, Body["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>code</c> of every entry of the problem's <c>errors[]</c>.</summary>
    public IReadOnlyList<string> ErrorCodes => Body?["errors"]?.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList() ?? [];
}
