using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>Saved workflows over HTTP: create, list, read, update, delete, versions, inputs, validation, node types.</summary>
[Collection(ApiGroup.Name)]
public class WorkflowEndpointTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Create_ValidGraph_Returns201WithLocationAndFullWorkflow()
    {
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "Greeter", ["project"] = "p1", ["data"] = Graphs.Greeting() });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Text("id");
        Assert.StartsWith("wf_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/workflows/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("Greeter", created.Text("title"));
        Assert.Equal("p1", created.Text("project"));
        Assert.Equal(1, created.Body!["version"]!.GetValue<int>());
        Assert.Equal("t", created.Body["data"]!["start_node"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_InNewAccount_AssignsAliasesOneTwoThree()
    {
        var admin = await fixture.NewKeyAsync("alias" + Guid.NewGuid().ToString("N")[..8], "admin");

        var aliases = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var created = await admin.PostAsync("v1/workflows", new JsonObject { ["title"] = $"w{i}", ["data"] = Graphs.RawEcho() });
            aliases.Add(created.Body!["alias"]!.GetValue<int>());
        }

        Assert.Equal([1, 2, 3], aliases);
    }

    [Fact]
    public async Task Create_InvalidGraph_SavesADraftWithEveryFindingAndItsRunsAreRefusedWithThem()
    {
        var response = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "bad", ["data"] = Graphs.Invalid() });
        var run = await Api.PostAsync($"v1/workflows/{response.Text("id")}/runs", new JsonObject());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.False(response.Body!["valid"]!.GetValue<bool>());
        Assert.Contains("node.unknown_type", response.ErrorCodes);
        Assert.Contains("edge.unknown_target", response.ErrorCodes);
        Assert.Contains(response.Body!["warnings"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "node.unreachable");
        run.AssertProblem(HttpStatusCode.UnprocessableEntity, "error(s)");
        Assert.Contains("node.unknown_type", run.ErrorCodes);
        Assert.Contains(
            run.Body!["errors"]!.AsArray(),
            e => e!["code"]!.GetValue<string>() == "node.unreachable" && e["severity"]!.GetValue<string>() == "warning");
    }

    [Fact]
    public async Task Create_EmptyGraphAsReference003Does_SavesADraftThatRefusesRuns()
    {
        var response = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "New workflow", ["data"] = new JsonObject() });
        var fields = await Api.GetAsync($"v1/workflows/{response.Text("id")}/input-fields");
        var run = await Api.PostAsync($"v1/workflows/{response.Text("id")}/runs", new JsonObject());

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.False(response.Body!["valid"]!.GetValue<bool>());
        Assert.Empty(fields.Body!["fields"]!.AsArray());
        run.AssertProblem(HttpStatusCode.UnprocessableEntity, "error(s)");
    }

    [Fact]
    public async Task Create_GraphWithOnlyWarnings_Saves201AndReturnsWarnings()
    {
        var response = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "warned", ["data"] = Graphs.WithWarning() });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var warning = Assert.Single(response.Body!["warnings"]!.AsArray());
        Assert.Equal("node.unreachable", warning!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Patch_GraphWhoseWorkflowNodeCallsTheWorkflowItself_Is422AndChangesNothing(bool byAlias)
    {
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "recursive", ["data"] = Graphs.RawEcho() });
        var id = created.Text("id");
        JsonNode self = byAlias ? JsonValue.Create(created.Body!["alias"]!.GetValue<int>()) : JsonValue.Create(id);
        var calling = JsonNode.Parse("""
            {"start_node": "t", "edges": [], "nodes": [
              {"id": "t", "type": "trigger-node", "data": {"next_nodes": ["w"]}},
              {"id": "w", "type": "workflow-node", "data": {"next_nodes": ["o"]}},
              {"id": "o", "type": "output-node", "data": {}}
            ]}
            """)!;
        calling["nodes"]![1]!["data"]!["workflow_id"] = self;

        var response = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = calling });
        var after = await Api.GetAsync($"v1/workflows/{id}");

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "runs this workflow");
        Assert.Contains("workflow_node.calls_itself", response.ErrorCodes);
        Assert.Equal(1, after.Body!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_WithTheETagItRead_Applies_ThenTheOldETagIs412AndChangesNothing()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho(), "tagged");
        var read = await Api.GetAsync($"v1/workflows/{id}");
        var tag = read.Headers.ETag!.ToString();

        var first = await PatchIfMatchAsync(id, new JsonObject { ["title"] = "first" }, tag);
        var stale = await PatchIfMatchAsync(id, new JsonObject { ["title"] = "second" }, tag);
        var after = await Api.GetAsync($"v1/workflows/{id}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotEqual(tag, first.Headers.ETag!.ToString());
        stale.AssertProblem(HttpStatusCode.PreconditionFailed, "changed since it was read");
        Assert.Equal(first.Headers.ETag!.ToString(), stale.Headers.ETag!.ToString());
        Assert.Equal("first", after.Text("title"));
        Assert.Equal(first.Headers.ETag!.ToString(), after.Headers.ETag!.ToString());
    }

    [Theory]
    [InlineData("*", HttpStatusCode.OK)]
    [InlineData("W/\"anything\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"0000\", \"1111\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("not-quoted", HttpStatusCode.BadRequest)]
    public async Task Patch_IfMatchForms_AnyStrongOrNot(string ifMatch, HttpStatusCode expected)
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho(), "forms");

        var response = await PatchIfMatchAsync(id, new JsonObject { ["title"] = "changed" }, ifMatch);

        Assert.Equal(expected, response.Status);
        Assert.Equal(expected == HttpStatusCode.OK ? "changed" : "forms", (await Api.GetAsync($"v1/workflows/{id}")).Text("title"));
    }

    [Fact]
    public async Task Delete_WithAStaleETag_Is412AndKeepsTheWorkflow_WithTheCurrentOneDeletes()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho(), "doomed");
        var stale = (await Api.GetAsync($"v1/workflows/{id}")).Headers.ETag!.ToString();
        var current = (await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["title"] = "renamed" })).Headers.ETag!.ToString();

        var refused = await Api.SendAsync(HttpMethod.Delete, $"v1/workflows/{id}", null, ("If-Match", stale));
        var kept = await Api.GetAsync($"v1/workflows/{id}");
        var deleted = await Api.SendAsync(HttpMethod.Delete, $"v1/workflows/{id}", null, ("If-Match", current));

        refused.AssertProblem(HttpStatusCode.PreconditionFailed, "changed since it was read");
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"v1/workflows/{id}")).Status);
    }

    private Task<ApiResponse> PatchIfMatchAsync(string id, JsonObject body, string ifMatch) =>
        Api.SendAsync(HttpMethod.Patch, $"v1/workflows/{id}", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ("If-Match", ifMatch));

    [Fact]
    public async Task Create_IntegerProjectAsInReference003_IsKeptAsTextAndFiltersLikeIt()
    {
        var number = Random.Shared.Next(100_000, int.MaxValue);
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "numbered", ["project"] = number, ["data"] = Graphs.RawEcho() });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), created.Text("project"));
        var listed = await Api.GetAsync($"v1/workflows?project={number}");
        Assert.Equal(created.Text("id"), Assert.Single(listed.Body!["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(
        "{\"title\": \"x\", \"project\": 1.5, \"data\": {\"start_node\": \"t\", \"nodes\": [], \"edges\": []}}",
        "'project' must be a non-empty string or a non-negative integer")]
    [InlineData(
        "{\"title\": \"x\", \"project\": true, \"data\": {\"start_node\": \"t\", \"nodes\": [], \"edges\": []}}",
        "'project' must be a non-empty string")]
    [InlineData("{\"title\": \"x\", \"data\": {", "not valid JSON")]
    [InlineData("{\"data\": {\"start_node\": \"t\", \"nodes\": [], \"edges\": []}}", "'title' is required")]
    [InlineData("{\"title\": \"x\", \"data\": [1, 2]}", "'data' must be a workflow graph object")]
    public async Task Create_BadBody_Returns400NamingTheProblem(string body, string mentions)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Api.SendAsync(HttpMethod.Post, "v1/workflows", content);

        response.AssertProblem(HttpStatusCode.BadRequest, mentions);
    }

    [Fact]
    public async Task Create_DuplicateKeys_Returns400SayingTheBodyIsInvalidJson()
    {
        using var content = new StringContent("{\"title\": \"x\", \"title\": \"y\", \"data\": {}}", Encoding.UTF8, "application/json");

        var response = await Api.SendAsync(HttpMethod.Post, "v1/workflows", content);

        response.AssertProblem(HttpStatusCode.BadRequest, "not valid JSON");
    }

    [Fact]
    public async Task Create_TextPlain_Returns415()
    {
        using var content = new StringContent("{\"title\": \"x\"}", Encoding.UTF8, "text/plain");

        var response = await Api.SendAsync(HttpMethod.Post, "v1/workflows", content);

        response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "text/plain");
    }

    [Fact]
    public async Task Create_BodyOver4MB_Returns413()
    {
        var padding = new string('x', (4 * 1024 * 1024) + 10);
        using var content = new StringContent($"{{\"title\": \"big\", \"description\": \"{padding}\", \"data\": {{}}}}", Encoding.UTF8, "application/json");

        var response = await Api.SendAsync(HttpMethod.Post, "v1/workflows", content);

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "exceeds the limit");
    }

    [Fact]
    public async Task Create_DefinitionNear4MB_IsStoredAndReadBack()
    {
        var graph = Graphs.RawEcho();
        graph["nodes"]![0]!["data"]!["note"] = new string('n', 3 * 1024 * 1024);

        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "large", ["data"] = graph });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var read = await Api.GetAsync($"v1/workflows/{created.Text("id")}");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(3 * 1024 * 1024, read.Body!["data"]!["nodes"]![0]!["data"]!["note"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task List_ProjectAndTitleFilters_ReturnOnlyMatches()
    {
        var project = "proj" + Guid.NewGuid().ToString("N")[..8];
        var apple = await Api.CreateWorkflowAsync(Graphs.RawEcho(), "Green Apple", project);
        await Api.CreateWorkflowAsync(Graphs.RawEcho(), "Pear", project);
        await Api.CreateWorkflowAsync(Graphs.RawEcho(), "Green Apple elsewhere", "other" + project);

        var listed = await Api.GetAsync($"v1/workflows?project={project}&title=apple");

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var only = Assert.Single(listed.Items);
        Assert.Equal(apple, only!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_LimitAndCursor_PageThroughEveryMatchOnce()
    {
        var project = "page" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Api.CreateWorkflowAsync(Graphs.RawEcho(), $"paged {i}", project));
        }

        var first = await Api.GetAsync($"v1/workflows?project={project}&limit=2");
        var all = await Api.ListAllAsync($"v1/workflows?project={project}&limit=2");

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.Body!["next_cursor"]);
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(w => w["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=!!!", "cursor")]
    public async Task List_BadParameter_Returns400NamingIt(string query, string mentions)
    {
        var response = await Api.GetAsync($"v1/workflows?{query}");

        response.AssertProblem(HttpStatusCode.BadRequest, mentions);
    }

    [Fact]
    public async Task Get_ByIdAndByAlias_ReturnTheSameWorkflow()
    {
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "aliased", ["data"] = Graphs.RawEcho() });
        var alias = created.Body!["alias"]!.GetValue<int>();

        var byId = await Api.GetAsync($"v1/workflows/{created.Text("id")}");
        var byAlias = await Api.GetAsync($"v1/workflows/{alias}");

        Assert.Equal(HttpStatusCode.OK, byAlias.Status);
        Assert.Equal(created.Text("id"), byId.Text("id"));
        Assert.Equal(created.Text("id"), byAlias.Text("id"));
    }

    [Fact]
    public async Task Uuid_OfACreatedWorkflow_NamesItInReadsListsAndRuns()
    {
        // Arrange
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "by uuid", ["data"] = Graphs.RawEcho() });
        var uuid = created.Text("uuid");

        // Act
        var byUuid = await Api.GetAsync($"v1/workflows/{uuid.ToUpperInvariant()}");
        var listed = await Api.GetAsync("v1/workflows?limit=100");
        var run = await Api.PostAsync($"v1/workflows/{uuid}/runs?wait=10", new JsonObject());

        // Assert
        Assert.True(Guid.TryParseExact(uuid, "D", out _), uuid);
        Assert.Equal((created.Text("id"), uuid), (byUuid.Text("id"), byUuid.Text("uuid")));
        Assert.Contains(listed.Body!["items"]!.AsArray(), w => (string?)w!["uuid"] == uuid && (string?)w["id"] == created.Text("id"));
        Assert.Equal((HttpStatusCode.OK, created.Text("id")), (run.Status, run.Text("workflow_id")));
    }

    [Theory]
    [InlineData("wf_doesnotexist")]
    [InlineData("999999")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    public async Task Get_Unknown_Returns404(string id)
    {
        var response = await Api.GetAsync($"v1/workflows/{id}");

        response.AssertProblem(HttpStatusCode.NotFound, id);
    }

    [Fact]
    public async Task Get_WithVersion_ReturnsThatVersionsData()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = Graphs.Greeting() });

        var v1 = await Api.GetAsync($"v1/workflows/{id}?version=1");
        var latest = await Api.GetAsync($"v1/workflows/{id}");

        Assert.Equal(1, v1.Body!["version"]!.GetValue<int>());
        Assert.Equal(2, v1.Body["latest_version"]!.GetValue<int>());
        Assert.Equal("raw={{ input.__raw_input__ }}", v1.Body["data"]!["nodes"]![1]!["data"]!["output"]!.GetValue<string>());
        Assert.Equal("Hello {{ input.name }}", latest.Body!["data"]!["nodes"]![1]!["data"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_UnknownVersion_Returns404NamingTheVersion()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var response = await Api.GetAsync($"v1/workflows/{id}?version=7");

        response.AssertProblem(HttpStatusCode.NotFound, $"{id}@7");
    }

    [Fact]
    public async Task Patch_TitleOnly_KeepsTheVersion()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho(), "before");

        var patched = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["title"] = "after" });

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("after", patched.Text("title"));
        Assert.Equal(1, patched.Body!["latest_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_NewData_AddsAVersion()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var patched = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = Graphs.Greeting() });

        Assert.Equal(2, patched.Body!["latest_version"]!.GetValue<int>());
        Assert.Equal(2, patched.Body["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_SameData_KeepsTheVersion()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var patched = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = Graphs.RawEcho() });

        Assert.Equal(1, patched.Body!["latest_version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_NullProject_ClearsTheProject()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho(), "projected", "someproject");

        await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["project"] = null });
        var read = await Api.GetAsync($"v1/workflows/{id}");

        Assert.Null(read.Body!["project"]);
        Assert.Equal("projected", read.Text("title"));
    }

    [Fact]
    public async Task Patch_InvalidGraph_SavesADraftVersionWhileEarlierVersionsStillRun()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var patched = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = Graphs.Invalid() });
        var latest = await Api.PostAsync($"v1/workflows/{id}/runs", new JsonObject());
        var first = await Api.PostAsync($"v1/workflows/{id}/runs?version=1", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(2, patched.Body!["latest_version"]!.GetValue<int>());
        Assert.False(patched.Body!["valid"]!.GetValue<bool>());
        Assert.Contains("node.unknown_type", patched.ErrorCodes);
        latest.AssertProblem(HttpStatusCode.UnprocessableEntity, "error(s)");
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
    }

    [Fact]
    public async Task Patch_Unknown_Returns404()
    {
        var response = await Api.PatchAsync("v1/workflows/wf_nothing", new JsonObject { ["title"] = "x" });

        response.AssertProblem(HttpStatusCode.NotFound, "wf_nothing");
    }

    [Fact]
    public async Task Patch_TenConcurrentDataChanges_NoUpdateIsLost()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var patches = Enumerable.Range(0, 10).Select(i =>
        {
            var graph = Graphs.RawEcho();
            graph["nodes"]![1]!["data"]!["output"] = $"variant {i}";
            return Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = graph });
        });
        var responses = await Task.WhenAll(patches);
        var read = await Api.GetAsync($"v1/workflows/{id}");
        var versions = await Api.GetAsync($"v1/workflows/{id}/versions");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(11, read.Body!["latest_version"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 11), versions.Items.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal(11, versions.Items.Select(v => v!["hash"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Delete_ThenGet_Returns404()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var deleted = await Api.DeleteAsync($"v1/workflows/{id}");
        var read = await Api.GetAsync($"v1/workflows/{id}");
        var again = await Api.DeleteAsync($"v1/workflows/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        read.AssertProblem(HttpStatusCode.NotFound, id);
        again.AssertProblem(HttpStatusCode.NotFound, id);
    }

    [Fact]
    public async Task Versions_AfterOneChange_ListsBothOldestFirst()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["data"] = Graphs.Greeting() });

        var versions = await Api.GetAsync($"v1/workflows/{id}/versions");

        Assert.Equal(HttpStatusCode.OK, versions.Status);
        Assert.Equal(2, versions.Body!["latest_version"]!.GetValue<int>());
        Assert.Equal([1, 2], versions.Items.Select(v => v!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task InputFields_ReturnsTheTriggersFields()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var fields = await Api.GetAsync($"v1/workflows/{id}/input-fields");

        Assert.Equal(HttpStatusCode.OK, fields.Status);
        var list = fields.Body!["fields"]!.AsArray();
        Assert.Equal(["name", "count", "color"], list.Select(f => f!["id"]!.GetValue<string>()));
        Assert.True(list[0]!["required"]!.GetValue<bool>());
        Assert.Equal("select", list[2]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task InputSchema_DescribesTheFieldsAsJsonSchema()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var schema = await Api.GetAsync($"v1/workflows/{id}/input-schema");

        Assert.Equal(HttpStatusCode.OK, schema.Status);
        Assert.Equal("object", schema.Text("type"));
        Assert.Equal(["name"], schema.Body!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("number", schema.Body["properties"]!["count"]!["type"]!.GetValue<string>());
        Assert.Equal(["red", "green"], schema.Body["properties"]!["color"]!["enum"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task ValidateSaved_GraphWithWarning_IsValidAndListsIt()
    {
        var id = await Api.CreateWorkflowAsync(Graphs.WithWarning());

        var report = await Api.GetAsync($"v1/workflows/{id}/validate");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.True(report.Body!["valid"]!.GetValue<bool>());
        Assert.Empty(report.Body["errors"]!.AsArray());
        Assert.Equal("node.unreachable", Assert.Single(report.Body["warnings"]!.AsArray())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ValidateUnsaved_InvalidGraph_ReportsEveryErrorWithoutSaving()
    {
        var report = await Api.PostAsync("v1/workflows/validate", new JsonObject { ["data"] = Graphs.Invalid() });

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.False(report.Body!["valid"]!.GetValue<bool>());
        var codes = report.Body["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("node.unknown_type", codes);
        Assert.Contains("edge.unknown_target", codes);
    }

    [Fact]
    public async Task ValidateUnsaved_BareGraph_IsAcceptedLikeData()
    {
        var report = await Api.PostAsync("v1/workflows/validate", Graphs.Greeting());

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.True(report.Body!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ValidateUnsaved_NotAnObject_Returns400()
    {
        var response = await Api.PostAsync("v1/workflows/validate", new JsonArray(1, 2));

        response.AssertProblem(HttpStatusCode.BadRequest, "workflow graph object");
    }

    [Fact]
    public async Task NodeTypes_ListsEveryBuiltInTypeWithItsSchema()
    {
        var types = await Api.GetAsync("v1/node-types");

        Assert.Equal(HttpStatusCode.OK, types.Status);
        var names = types.Items.Select(t => t!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(
            [
                "trigger-node", "if-else-node", "basic-node", "http-node", "output-node", "approval-node", "workflow-node",
                "import-csv-node", "filter-rows-node", "map-rows-node",
            ],
            names);
        Assert.All(types.Items, t => Assert.Equal("object", t!["config_schema"]!["type"]!.GetValue<string>()));
    }
}
