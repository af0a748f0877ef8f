using System.Net;
using System.Text;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// JSON that parsers disagree on, that is not text, or that nests too deep for the engine: repeated property names,
/// escaped unpaired surrogates and bodies over 32 levels are a 400 on every endpoint that takes a JSON body, never a
/// 500 and never a silently accepted request.
/// </summary>
[Collection(ApiGroup.Name)]
public class MalformedBodyTests(ApiFixture fixture)
{
    private const string LoneHigh = "\"\\ud800\"";
    private const string LoneLow = "\"x\\udc00\"";

    private ApiClient Api => fixture.Api;

    [Theory]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}")]
    [InlineData("{\"name\": \"a\", \"\\u006eame\": \"b\"}")]
    [InlineData("{\"name\": \"a\", \"extra\": {\"k\": 1, \"k\": 2}}")]
    [InlineData("{\"name\": \"a\", \"list\": [{\"k\": 1, \"k\": 1}]}")]
    public async Task StartRun_DuplicateKeys_Returns400AndStartsNothing(string body)
    {
        var api = await fixture.NewKeyAsync("dup" + Guid.NewGuid().ToString("N")[..10], "admin");
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());

        using var content = Json(body);

        var response = await api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs", content);
        var history = await api.ListAllAsync("v1/runs");

        response.AssertProblem(HttpStatusCode.BadRequest, "Duplicate property");
        Assert.Empty(history);
    }

    [Theory]
    [InlineData("{\"name\": " + LoneHigh + "}", "$.name")]
    [InlineData("{\"name\": \"a\", \"extra\": {\"k\": [1, " + LoneLow + "]}}", "$.extra.k[1]")]
    [InlineData("{\"name\": \"a\", " + LoneHigh + ": 1}", "property name")]
    public async Task StartRun_UnpairedSurrogate_Returns400NamingTheString(string body, string mentions)
    {
        var api = await fixture.NewKeyAsync("sur" + Guid.NewGuid().ToString("N")[..10], "admin");
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());

        using var content = Json(body);

        var response = await api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs", content);
        var history = await api.ListAllAsync("v1/runs");

        response.AssertProblem(HttpStatusCode.BadRequest, "unpaired UTF-16 surrogate");
        Assert.Contains(mentions, response.Text("error"), StringComparison.Ordinal);
        Assert.Empty(history);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(100)]
    public async Task StartRun_NestedDeeperThan32_Returns400NamingTheDepth(int depth)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        using var content = Json(Nested(depth));

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs", content);

        response.AssertProblem(HttpStatusCode.BadRequest, "depth of 32");
    }

    [Fact]
    public async Task StartRun_Nested32Deep_RunsToTheEnd()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        using var content = Json(Nested(32));

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?wait=30", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("succeeded", finished.Text("status"));
    }

    [Theory]
    [InlineData("POST", "v1/workflows", "{\"title\": " + LoneHigh + ", \"data\": {}}")]
    [InlineData("PATCH", "v1/workflows/{wf}", "{\"description\": " + LoneLow + "}")]
    [InlineData(
        "POST",
        "v1/workflows",
        "{\"title\": \"t\", \"data\": {\"start_node\": \"t\", \"nodes\": [{\"id\": " + LoneHigh + ", \"type\": \"trigger-node\"}], \"edges\": []}}")]
    [InlineData("POST", "v1/workflows/validate", "{\"data\": {\"nodes\": [{\"id\": " + LoneHigh + "}]}}")]
    [InlineData(
        "POST",
        "v1/runs",
        "{\"definition\": {\"start_node\": \"t\", \"nodes\": [{\"id\": \"t\", \"type\": \"trigger-node\"}], \"edges\": []}, "
            + "\"input\": {\"a\": " + LoneHigh + "}}")]
    [InlineData("POST", "v1/workflows/{wf}/batches", "{\"items\": [{\"name\": \"ok\"}, {\"name\": " + LoneLow + "}]}")]
    [InlineData("POST", "v1/keys", "{\"name\": " + LoneHigh + ", \"scopes\": [\"read\"]}")]
    [InlineData("POST", "v1/runs/anything/cancel", "{\"reason\": " + LoneHigh + "}")]
    [InlineData("POST", "v1/runs/anything/approvals/a", "{\"decision\": \"approve\", \"data\": {\"note\": " + LoneHigh + "}}")]
    public async Task AnyJsonEndpoint_UnpairedSurrogate_Returns400(string method, string path, string body)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        using var content = Json(body);

        var response = await Api.SendAsync(new HttpMethod(method), path.Replace("{wf}", workflow, StringComparison.Ordinal), content);

        response.AssertProblem(HttpStatusCode.BadRequest, "unpaired UTF-16 surrogate");
    }

    [Fact]
    public async Task CreateKey_AccountIdNotAString_Returns400()
    {
        using var content = Json("{\"name\": \"n\", \"scopes\": [\"read\"], \"account_id\": 5}");

        var response = await Api.SendAsync(HttpMethod.Post, "v1/keys", content);

        response.AssertProblem(HttpStatusCode.BadRequest, "'account_id'");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A run input for <see cref="Graphs.Greeting"/> whose nesting is <paramref name="depth"/> levels (the object itself is one).</summary>
    private static string Nested(int depth) => "{\"name\": \"deep\", \"x\": " + new string('[', depth - 1) + "1" + new string(']', depth - 1) + "}";
}
