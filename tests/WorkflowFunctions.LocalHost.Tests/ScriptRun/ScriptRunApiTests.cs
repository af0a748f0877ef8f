using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptRun;

/// <summary>
/// The ScriptRun API's contract beyond its snippets, over real HTTP on the LocalHost: trailing slashes, literal
/// segments before integer ids, DRF error bodies and pages, both run modes' refusals, history ordering, and the
/// internal callback.
/// </summary>
[Collection(ScriptRunGroup.Name)]
public sealed class ScriptRunApiTests(ScriptRunFixture fixture)
{
    [Theory]
    [InlineData("workflows/6/")]
    [InlineData("workflows/6")]
    [InlineData("workflows/6/input-fields/")]
    [InlineData("workflows/6/input-fields")]
    [InlineData("workflows/6/check_workflow")]
    [InlineData("workflows/6/history")]
    [InlineData("workflows/get_nodes/")]
    [InlineData("workflows/get_nodes")]
    [InlineData("workflows/")]
    [InlineData("workflows")]
    public async Task Get_WithOrWithoutTheTrailingSlash_Answers200(string path)
    {
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());

        var (status, body, _) = await client.GetAsync(path);

        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body?.ToJsonString()}");
    }

    [Fact]
    public async Task WorkflowResult_WithoutTrailingSlash_IsTheResultEndpointNotAWorkflowId()
    {
        var client = await fixture.NewAccountAsync();

        var (status, body, _) = await client.GetAsync("workflows/workflow_result");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"id":["This field is required."]}""", body!.ToJsonString());
    }

    [Fact]
    public async Task AnyEndpoint_NoCredentials_Is401WithDrfsMessage()
    {
        var client = await fixture.NewAccountAsync();

        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "workflows/", withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"detail":"Authentication credentials were not provided."}""", body!.ToJsonString());
    }

    [Fact]
    public async Task AnyEndpoint_BearerToken_IsTheSameKey()
    {
        var client = await fixture.NewAccountAsync();
        await client.CreateAsync("mine", new JsonObject());

        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "workflows/", bearer: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)body!["count"]!);
    }

    [Fact]
    public async Task Create_MissingProjectAndNonIntegerProject_AreDrfFieldErrors()
    {
        var client = await fixture.NewAccountAsync();

        var missing = await client.SendAsync(HttpMethod.Post, "workflows/", """{"title": "t", "data": {}}""");
        var text = await client.SendAsync(HttpMethod.Post, "workflows/", """{"project": "three", "title": "t", "data": {}}""");

        Assert.Equal((HttpStatusCode.BadRequest, """{"project":["This field is required."]}"""), (missing.Status, missing.Body!.ToJsonString()));
        Assert.Equal((HttpStatusCode.BadRequest, """{"project":["A valid integer is required."]}"""), (text.Status, text.Body!.ToJsonString()));
    }

    [Fact]
    public async Task UnknownWorkflow_GetPatchDeleteRunHistory_AreReal404s()
    {
        var client = await fixture.NewAccountAsync();

        var answers = new[]
        {
            await client.GetAsync("workflows/99/"),
            await client.SendAsync(HttpMethod.Patch, "workflows/99/", """{"title": "x"}"""),
            await client.SendAsync(HttpMethod.Delete, "workflows/99/"),
            await client.SendAsync(HttpMethod.Post, "workflows/99/run/", "{}"),
            await client.GetAsync("workflows/99/history/"),
            await client.GetAsync("workflows/99/input-fields/"),
            await client.GetAsync("workflows/99/check_workflow/"),
        };

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.NotFound, """{"detail":"Not found."}"""), (a.Status, a.Body!.ToJsonString())));
    }

    [Fact]
    public async Task InputFields_Draft_IsAnEmptyArray()
    {
        var client = await fixture.NewAccountAsync();
        var id = await client.CreateAsync("draft", new JsonObject());

        var (status, body, _) = await client.GetAsync($"workflows/{id}/input-fields/");

        Assert.Equal((HttpStatusCode.OK, "[]"), (status, body!.ToJsonString()));
    }

    [Fact]
    public async Task Run_RequiredFieldMissing_IsHttp200WithInner422NamingTheField()
    {
        var client = await fixture.NewAccountAsync();
        var id = await client.CreateAsync("fields", ScriptRunGraphs.WithInputFields(ScriptRunGraphs.DocumentInputFields()));

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"workflows/{id}/run/", """{"language": "ru"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(422, (int)body!["status"]!);
        Assert.Contains("user_name", (string?)body["data"]!["errors"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BearerBodyNotJson_IsHttp200WithInner400()
    {
        var client = await fixture.NewAccountAsync();
        var id = await client.CreateAsync("greeting", ScriptRunGraphs.Greeting());

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"workflows/{id}/run/", "{not json", bearer: true);

        Assert.Equal((HttpStatusCode.OK, 400), (status, (int)body!["status"]!));
        Assert.Single(body["data"]!["errors"]!.AsArray());
    }

    [Fact]
    public async Task Run_ApiKeyInvalidJson_RunsWithTheTextAsRawInput()
    {
        var client = await fixture.NewAccountAsync();
        var id = await client.CreateAsync("greeting", ScriptRunGraphs.Greeting());

        var runId = await client.RunAsync(id, "{\"user_name\": oops");
        var result = await client.ResultAsync(runId);

        Assert.Equal(ScriptRunGraphs.Echo(raw: "{\"user_name\": oops"), (string?)result["data"]![ScriptRunGraphs.Output]!["result"]!["content"]);
    }

    [Fact]
    public async Task WorkflowResult_AnotherAccountsRun_IsNotFound()
    {
        var owner = await fixture.NewAccountAsync();
        var other = await fixture.NewAccountAsync();
        var id = await owner.CreateAsync("greeting", ScriptRunGraphs.Greeting());
        var runId = await owner.RunAsync(id, "{}");

        var (status, body, _) = await other.GetAsync($"workflows/workflow_result/?id={runId}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("not found", 404), ((string?)body!["data"]!["status"], (int)body["status"]!));
    }

    [Fact]
    public async Task History_OrderedByCostInPagesOfTwo_FollowsAbsoluteNextLinksThroughEveryRun()
    {
        // Arrange: three runs whose prompts (and so costs) grow with the name.
        var client = await fixture.NewAccountAsync();
        var id = await client.CreateAsync("greeting", ScriptRunGraphs.Greeting());
        var byCost = new List<string>();
        foreach (var name in new[] { "Al", "Barbara", "Christopher Columbus" })
        {
            var runId = await client.RunAsync(id, new JsonObject { ["user_name"] = name }.ToJsonString());
            await client.ResultAsync(runId);
            byCost.Add(runId);
        }

        // Act: -cost, two a page, following "next" as an absolute URL.
        var seen = new List<string>();
        var first = await client.GetAsync($"workflows/{id}/history/?ordering=-cost&page_size=2");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var page = first.Body!;
        seen.AddRange(page["results"]!.AsArray().Select(r => (string)r!["id"]!));
        var next = new Uri((string)page["next"]!);
        var second = await client.GetAsync(next.PathAndQuery.Replace("/api/compat/scriptrun/api/v1/", string.Empty, StringComparison.Ordinal));
        seen.AddRange(second.Body!["results"]!.AsArray().Select(r => (string)r!["id"]!));

        // Assert
        Assert.Equal(3, (int)page["count"]!);
        Assert.Equal(fixture.Host.BaseAddress.Authority, next.Authority);
        Assert.Contains("ordering=-cost", next.Query, StringComparison.Ordinal);
        Assert.Null(second.Body!["next"]);
        Assert.Equal(Enumerable.Reverse(byCost), seen);
        var ascending = await client.GetAsync($"workflows/{id}/history/?ordering=cost");
        Assert.Equal(byCost, ascending.Body!["results"]!.AsArray().Select(r => (string)r!["id"]!));
        var oldest = await client.GetAsync($"workflows/{id}/history/?ordering=created_at");
        Assert.Equal(byCost, oldest.Body!["results"]!.AsArray().Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task History_UnknownOrderingAndPagePastTheEnd_AreRefusedDrfStyle()
    {
        var client = await fixture.NewAccountAsync();
        var id = await client.CreateAsync("greeting", ScriptRunGraphs.Greeting());

        var ordering = await client.GetAsync($"workflows/{id}/history/?ordering=name");
        var page = await client.GetAsync($"workflows/{id}/history/?page=2");

        Assert.Equal(HttpStatusCode.BadRequest, ordering.Status);
        Assert.NotNull(ordering.Body!["ordering"]);
        Assert.Equal((HttpStatusCode.NotFound, """{"detail":"Invalid page."}"""), (page.Status, page.Body!.ToJsonString()));
    }

    [Fact]
    public async Task List_TitleFilterAndPages_CountMatchesAndLinkBothWays()
    {
        var client = await fixture.NewAccountAsync();
        foreach (var title in new[] { "Invoice A", "Mail", "invoice B", "INVOICE C" })
        {
            await client.CreateAsync(title, new JsonObject());
        }

        var (_, second, _) = await client.GetAsync("workflows/?title=invoice&page=2&page_size=2");

        Assert.Equal(3, (int)second!["count"]!);
        Assert.Null(second["next"]);
        Assert.EndsWith("/api/compat/scriptrun/api/v1/workflows/?title=invoice&page_size=2", (string?)second["previous"], StringComparison.Ordinal);
        Assert.Equal(["Invoice A"], second["results"]!.AsArray().Select(w => (string?)w!["title"]));
    }

    [Fact]
    public async Task ExecutionUpdate_NoServiceKeyConfigured_Is403()
    {
        var client = await fixture.NewAccountAsync();
        var body = """{"type": "workflow_execution_progress_change", "payload": """
            + """{"id": "0781b175-2135-45ec-9063-ad3e0d929adc", "status": "succeed", "data": {}}}""";

        var (status, answer, _) = await client.SendAsync(HttpMethod.Post, "workflows/execution-update/0781b175-2135-45ec-9063-ad3e0d929adc/", body);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.NotNull((string?)answer!["detail"]);
    }
}
