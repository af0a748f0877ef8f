using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scout;

/// <summary>
/// The Scout API's contract over HTTP where the document's one curl command does not reach: credentials, FastAPI's
/// error bodies, another account's workflows, the envelope of a finished run, a run that does not end in time, event
/// streams, sessions kept on the run, and saved workflows with their revisions.
/// </summary>
[Collection(ScoutGroup.Name)]
public class ScoutApiTests(ScoutFixture fixture)
{
    private const string Execute = "v2/workflows/execute";

    [Fact]
    public async Task Credentials_MissingOrInvalid_401WithDetailAndBearerChallenge()
    {
        var account = await fixture.NewAccountAsync();

        var none = await account.Scout.SendAsync(HttpMethod.Post, Execute, """{"workflow_config": {}}""", withKey: null);
        var invalid = await account.Scout.SendAsync(HttpMethod.Get, "v2/workflows", withKey: "wfk_not-a-key");

        Assert.Equal((HttpStatusCode.Unauthorized, """{"detail":"Not authenticated"}"""), (none.Status, none.Json.ToJsonString()));
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.Status);
        Assert.IsType<string>((string?)invalid.Json["detail"]);
    }

    [Theory]
    [InlineData("""{"inputs": {}}""", """[{"loc":["body","workflow_config"],"msg":"Field required","type":"missing"}]""")]
    [InlineData("""{"workflow_config": []}""", """[{"loc":["body","workflow_config"],"msg":"Input should be a valid dictionary","type":"dict_type"}]""")]
    [InlineData("""[]""", """[{"loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","type":"model_attributes_type"}]""")]
    [InlineData(
        """{"workflow_config": {}, "inputs": 3, "streaming": "yes"}""",
        """[{"loc":["body","inputs"],"msg":"Input should be a valid dictionary","type":"dict_type"},"""
            + """{"loc":["body","streaming"],"msg":"Input should be a valid boolean","type":"bool_type"}]""")]
    public async Task Execute_BadBody_422ListingEachProblemWhereFastApiPutsIt(string body, string detail)
    {
        var account = await fixture.NewAccountAsync();

        var answer = await account.Scout.SendAsync(HttpMethod.Post, Execute, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal(detail, answer.Json["detail"]!.ToJsonString());
    }

    [Fact]
    public async Task Execute_NotJsonOrNoBodyOrUnknownEnvironment_422()
    {
        var account = await fixture.NewAccountAsync();

        var notJson = await account.Scout.SendAsync(HttpMethod.Post, Execute, "{not json");
        var empty = await account.Scout.SendAsync(HttpMethod.Post, Execute);
        var environment = await account.Scout.SendAsync(HttpMethod.Post, Execute + "?environment=moon", """{"inputs": {}}""");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "json_invalid"), (notJson.Status, (string?)notJson.Json["detail"]![0]!["type"]));
        Assert.Equal("""[{"loc":["body"],"msg":"Field required","type":"missing"}]""", empty.Json["detail"]!.ToJsonString());
        var expected = JsonNode.Parse(
            """[{"loc":["body","workflow_config"],"msg":"Field required","type":"missing"},"""
            + """{"loc":["query","environment"],"msg":"Input should be 'production', 'staging', 'development' or 'console'","type":"enum"}]""");
        Assert.True(JsonNode.DeepEquals(expected, environment.Json["detail"]), environment.Text);
    }

    [Fact]
    public async Task Execute_ConfigWithErrorsOrInputsItRefuses_422WithEachFinding()
    {
        var account = await fixture.NewAccountAsync();

        var broken = await account.Scout.ExecuteAsync(JsonNode.Parse("""{"start_node": "nowhere", "nodes": [{"id": "t", "type": "trigger-node"}]}""")!);
        var missingInput = await account.Scout.ExecuteAsync(ScoutGraphs.Greeting(), new JsonObject());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.Status);
        var finding = broken.Json["detail"]![0]!;
        Assert.Equal(("body", "workflow_config"), ((string?)finding["loc"]![0], (string?)finding["loc"]![1]));
        Assert.Contains(".", (string?)finding["type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingInput.Status);
        Assert.Equal("""["body","inputs","name"]""", missingInput.Json["detail"]![0]!["loc"]!.ToJsonString());
    }

    [Fact]
    public async Task Execute_Finished_TheCompletedEventWithEveryBlocksOutputAndTheSessionAndEnvironmentAsked()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();

        // Act
        var answer = await account.Scout.ExecuteAsync(
            ScoutGraphs.Greeting(), new JsonObject { ["name"] = "Ada" }, query: "?environment=staging&session_id=my-session&revision_id=r7");

        // Assert
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        var body = answer.Json;
        var data = body["data"]!;
        Assert.Equal(("workflow_run_completed", "staging", "my-session"), ((string?)body["name"], (string?)body["environment"], (string?)data["session_id"]));
        Assert.Equal(("inline", "r7"), ((string?)data["workflow_id"], (string?)data["revision_id"]));
        Assert.Equal("""{"name":"Ada"}""", data["inputs"]!.ToJsonString());
        Assert.Equal(["t", "echo", "greet"], data["state"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Hello Ada", (string?)data["state"]!["greet"]!["content"]);
        Assert.True(JsonNode.DeepEquals(ScoutGraphs.Greeting(), data["workflow_config"]));
        Assert.Matches(@"^\d+\.\d\d$", (string?)body["price"]);
        Assert.Matches("^evt_[0-9a-f]{32}_[0-9]+$", (string?)body["id"]);
    }

    [Fact]
    public async Task Execute_RunFails_TheFailedEventWithTheBlockAndWhy()
    {
        var account = await fixture.NewAccountAsync();

        var answer = await account.Scout.ExecuteAsync(ScoutGraphs.Failing());

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("workflow_run_failed", (string?)answer.Json["name"]);
        Assert.Equal("bad", (string?)answer.Json["data"]!["error"]!["block_id"]);
        Assert.Contains("boom", (string?)answer.Json["data"]!["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(["t"], answer.Json["data"]!["state"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Execute_NotFinishedInTime_TheStartedEventAndTheRunGoesOn()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();

        // Act: an approval waits for a decision; the execute waits ScoutFixture.WaitSeconds.
        var answer = await account.Scout.ExecuteAsync(ScoutGraphs.Gate());

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(("workflow_run_started", "{}"), ((string?)answer.Json["name"], answer.Json["data"]!["state"]!.ToJsonString()));
        var run = (string)answer.Json["data"]!["workflow_run_id"]!;
        await account.Native.PollUntilWaitingAsync(run, "a");
        Assert.Equal(HttpStatusCode.OK, (await account.Native.PostAsync($"v1/runs/{run}/cancel", new JsonObject())).Status);
    }

    [Fact]
    public async Task Execute_Streaming_EventsInOrderCarryingOutputsThenTheStreamCloses()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();

        // Act: reading the answer to its end returns only once the server closes the stream.
        var answer = await account.Scout.ExecuteAsync(ScoutGraphs.Greeting(), new JsonObject { ["name"] = "Ada" }, streaming: true, query: "?session_id=s-1");

        // Assert
        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (answer.Status, answer.ContentType));
        var events = answer.Events;
        Assert.Equal(
            [
                "workflow_run_started",
                "block_run_started:t", "block_run_completed:t",
                "block_run_started:echo", "block_run_completed:echo",
                "block_run_started:greet", "block_run_completed:greet",
                "workflow_run_completed",
            ],
            events.Select(e => e.Data["data"]!["block_id"] is { } block ? $"{e.Name}:{block}" : e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, (string?)e.Data["name"]));
        Assert.All(events, e => Assert.Equal("s-1", (string?)e.Data["data"]!["session_id"]));
        Assert.Single(events.Select(e => (string?)e.Data["correlation_id"]).Distinct());
        Assert.Equal("Hello Ada", (string?)events[6].Data["data"]!["output"]!["content"]);
        Assert.Equal(["t", "echo"], events[4].Data["data"]!["state"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["t", "echo", "greet"], events[^1].Data["data"]!["state"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Execute_StreamingAFailureOrTheEmptyConfig_EndsWithItsFinalEvent()
    {
        var account = await fixture.NewAccountAsync();

        var failing = (await account.Scout.ExecuteAsync(ScoutGraphs.Failing(), streaming: true)).Events;
        var empty = (await account.Scout.ExecuteAsync(new JsonObject(), streaming: true)).Events;

        Assert.Equal(
            ["workflow_run_started", "block_run_started:t", "block_run_completed:t", "block_run_started:bad", "block_run_failed:bad", "workflow_run_failed"],
            failing.Select(e => e.Data["data"]!["block_id"] is { } block ? $"{e.Name}:{block}" : e.Name));
        Assert.Contains("boom", (string?)failing[4].Data["data"]!["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(["workflow_run_started", "workflow_run_completed"], empty.Select(e => e.Name));
        Assert.Equal("{}", empty[^1].Data["data"]!["state"]!.ToJsonString());
    }

    [Fact]
    public async Task Execute_SessionGivenOrGenerated_KeptOnTheRun()
    {
        var account = await fixture.NewAccountAsync();

        var given = (await account.Scout.ExecuteAsync(new JsonObject(), query: "?session_id=chat-42&environment=console")).Json["data"]!;
        var generated = (await account.Scout.ExecuteAsync(new JsonObject())).Json["data"]!;

        var tags = (await account.Native.GetAsync($"v1/runs/{given["workflow_run_id"]}")).Body!["tags"]!;
        Assert.Equal(("chat-42", "console"), ((string?)tags["session_id"], (string?)tags["environment"]));
        var session = (string)generated["session_id"]!;
        Assert.Matches("^sess_[0-9a-f]{24}$", session);
        Assert.Equal(session, (string?)(await account.Native.GetAsync($"v1/runs/{generated["workflow_run_id"]}")).Body!["tags"]!["session_id"]);
        var history = await account.Native.GetAsync("v1/runs");
        Assert.Contains(history.Items, r => (string?)r!["tags"]?["session_id"] == "chat-42");
    }

    [Fact]
    public async Task Workflows_CreateListGetPutRevisionExecuteDelete()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();

        // Act + Assert: create (revision 1), list, get.
        var id = await account.Scout.CreateAsync(ScoutGraphs.Saying("one"), "Greeter");
        var list = (await account.Scout.GetAsync("v2/workflows")).Json;
        Assert.Equal([id], list["data"]!.AsArray().Select(w => (string?)w!["workflow_id"]));
        var got = (await account.Scout.GetAsync($"v2/workflows/{id}")).Json["data"]!;
        Assert.Equal(("Greeter", "1", true), ((string?)got["workflow_display_name"], (string?)got["revision_id"], (bool)got["valid"]!));

        // PUT a new name and config (revision 2), then a revision (3); the same config again makes none.
        var put = await account.Scout.SendAsync(
            HttpMethod.Put,
            $"v2/workflows/{id}",
            new JsonObject { ["workflow_display_name"] = "Greeter 2", ["workflow_config"] = ScoutGraphs.Saying("two") }.ToJsonString());
        Assert.Equal(("Greeter 2", "2"), ((string?)put.Json["data"]!["workflow_display_name"], (string?)put.Json["data"]!["revision_id"]));
        var revision = await account.Scout.PostAsync($"v2/workflows/{id}/revisions", new JsonObject { ["workflow_config"] = ScoutGraphs.Saying("three") });
        Assert.Equal("3", (string?)revision.Json["data"]!["revision_id"]);
        var again = await account.Scout.PostAsync($"v2/workflows/{id}/revisions", new JsonObject { ["workflow_config"] = ScoutGraphs.Saying("three") });
        Assert.Equal("3", (string?)again.Json["data"]!["revision_id"]);

        // Execute: streamed by default (the latest revision), or one event for revision 1.
        var streamed = (await account.Scout.PostAsync($"v2/workflows/{id}/execute", new JsonObject())).Events;
        Assert.Equal("three", (string?)streamed[^1].Data["data"]!["state"]!["o"]!["content"]);
        Assert.Equal((id, "3"), ((string?)streamed[0].Data["data"]!["workflow_id"], (string?)streamed[0].Data["data"]!["revision_id"]));
        var first = (await account.Scout.PostAsync($"v2/workflows/{id}/execute?revision_id=1", new JsonObject { ["streaming"] = false })).Json;
        Assert.Equal(("workflow_run_completed", "one"), ((string?)first["name"], (string?)first["data"]!["state"]!["o"]!["content"]));
        Assert.Equal("one", (string?)first["data"]!["workflow_config"]!["nodes"]![1]!["data"]!["output"]);

        // Delete.
        var deleted = await account.Scout.SendAsync(HttpMethod.Delete, $"v2/workflows/{id}");
        Assert.Equal("""{"data":{"workflow_id":"__ID__","deleted":true}}""".Replace("__ID__", id, StringComparison.Ordinal), deleted.Json.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await account.Scout.GetAsync($"v2/workflows/{id}")).Status);
    }

    [Fact]
    public async Task Workflows_UnknownOrAnotherAccountsOrUnknownRevision_404WithDetail()
    {
        // Arrange
        var owner = await fixture.NewAccountAsync();
        var stranger = await fixture.NewAccountAsync();
        var id = await owner.Scout.CreateAsync(ScoutGraphs.Saying("mine"));
        const string notFound = """{"detail":"Workflow not found"}""";

        // Act
        var answers = new[]
        {
            await stranger.Scout.GetAsync($"v2/workflows/{id}"),
            await stranger.Scout.SendAsync(HttpMethod.Put, $"v2/workflows/{id}", """{"workflow_display_name": "taken"}"""),
            await stranger.Scout.SendAsync(HttpMethod.Delete, $"v2/workflows/{id}"),
            await stranger.Scout.PostAsync($"v2/workflows/{id}/revisions", new JsonObject { ["workflow_config"] = new JsonObject() }),
            await stranger.Scout.PostAsync($"v2/workflows/{id}/execute", new JsonObject()),
            await owner.Scout.GetAsync("v2/workflows/wf_0123456789abcdef01234567"),
        };
        var revision = await owner.Scout.PostAsync($"v2/workflows/{id}/execute?revision_id=9", new JsonObject());

        // Assert
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.NotFound, notFound), (a.Status, a.Json.ToJsonString())));
        Assert.Equal((HttpStatusCode.NotFound, """{"detail":"Revision not found"}"""), (revision.Status, revision.Json.ToJsonString()));
        Assert.Equal("mine", (string?)(await owner.Scout.GetAsync($"v2/workflows/{id}")).Json["data"]!["workflow_config"]!["nodes"]![1]!["data"]!["output"]);
    }

    [Fact]
    public async Task Workflows_BadBodies_422()
    {
        var account = await fixture.NewAccountAsync();
        var id = await account.Scout.CreateAsync(new JsonObject());

        var create = await account.Scout.PostAsync("v2/workflows", new JsonObject { ["workflow_display_name"] = 5 });
        var put = await account.Scout.SendAsync(HttpMethod.Put, $"v2/workflows/{id}", "{}");

        Assert.Equal(
            """[{"loc":["body","workflow_display_name"],"msg":"Input should be a valid string","type":"string_type"},"""
            + """{"loc":["body","workflow_config"],"msg":"Field required","type":"missing"}]""",
            create.Json["detail"]!.ToJsonString());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "missing"), (put.Status, (string?)put.Json["detail"]![0]!["type"]));
    }
}
