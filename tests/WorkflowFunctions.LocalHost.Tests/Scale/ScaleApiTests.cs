using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scale;

/// <summary>
/// The Scale API's contract over HTTP where the document's own code does not reach: credentials, the error bodies and
/// codes, session ids, another account's things, a wait that runs out, and sessions of runs started elsewhere.
/// </summary>
[Collection(ScaleGroup.Name)]
public class ScaleApiTests(ScaleFixture fixture)
{
    [Fact]
    public async Task Credentials_MissingOrNotTheKeys_401WithTheDocumentsBody()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();
        const string path = "v1/sessions/compass-sess-00000000-0000-0000-0000-000000000000";

        // Act
        var noKey = await account.Scale.SendAsync(HttpMethod.Get, path, withKey: null);
        var badKey = await account.Scale.SendAsync(HttpMethod.Get, path, withKey: "wfk_not-a-key");
        var noAccount = await account.Scale.SendAsync(HttpMethod.Get, path, withAccount: null);
        var otherAccount = await account.Scale.SendAsync(HttpMethod.Get, path, withAccount: "someone-else");

        // Assert
        Assert.Equal(
            """{"error":"Unauthorized","message":"Missing authentication header."}""",
            Only(HttpStatusCode.Unauthorized, noKey).ToJsonString());
        Assert.Equal("Unauthorized", (string?)Only(HttpStatusCode.Unauthorized, badKey)["error"]);
        Assert.Equal("Missing account ID: name the account the API key belongs to.", (string?)Only(HttpStatusCode.Unauthorized, noAccount)["message"]);
        Assert.Equal("The account ID does not match the API key's account.", (string?)Only(HttpStatusCode.Unauthorized, otherAccount)["message"]);
    }

    [Fact]
    public async Task AnotherAccountsWorkflowAndSession_404LikeMissingOnes()
    {
        // Arrange
        var owner = await fixture.NewAccountAsync();
        var stranger = await fixture.NewAccountAsync();
        var workflow = await owner.SaveAsync(ScaleGraphs.Regions());
        var session = await owner.Scale.RunAsync(workflow);

        // Act
        var start = await stranger.Scale.SendAsync(HttpMethod.Post, "v1/workflow/run", $$"""{"workflowId": "{{workflow}}"}""");
        var state = await stranger.Scale.GetAsync($"v1/sessions/{session}");
        var result = await stranger.Scale.GetAsync($"v1/sessions/{session}/result?timeout=0");

        // Assert
        Assert.Equal("""{"error":"Workflow not found or you do not have access.","status_code":404}""", Only(HttpStatusCode.NotFound, start).ToJsonString());
        Assert.Equal("""{"error":"Session not found or you do not have access.","status_code":404}""", Only(HttpStatusCode.NotFound, state).ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
    }

    [Theory]
    [InlineData("{not json", "The body is not valid JSON")]
    [InlineData("""{"variables": {"region": "US"}}""", "'workflowId' is required.")]
    [InlineData("""{"workflowId": "wf_x", "variables": "US"}""", "'variables' must be an object of variable names to values.")]
    public async Task Start_MalformedBody_400WithErrorAndStatusCode(string body, string error)
    {
        var account = await fixture.NewAccountAsync();

        var started = await account.Scale.SendAsync(HttpMethod.Post, "v1/workflow/run", body);

        var json = Only(HttpStatusCode.BadRequest, started);
        Assert.StartsWith(error, (string?)json["error"], StringComparison.Ordinal);
        Assert.Equal(400, (int)json["status_code"]!);
    }

    [Fact]
    public async Task Start_VariablesTheWorkflowRefusesOrADraft_400ListingEveryProblem()
    {
        // Arrange: min_score is a number field; a workflow saved with errors is a draft.
        var account = await fixture.NewAccountAsync();
        var rated = await account.SaveAsync(ScaleGraphs.RatedReviews());
        var draft = await account.SaveAsync(new JsonObject());

        // Act
        var badVariable = await account.Scale.SendAsync(
            HttpMethod.Post, "v1/workflow/run", $$$"""{"workflowId": "{{{rated}}}", "variables": {"min_score": "high"}}""");
        var ofDraft = await account.Scale.SendAsync(HttpMethod.Post, "v1/workflow/run", $$"""{"workflowId": "{{draft}}"}""");

        // Assert
        var invalid = Only(HttpStatusCode.BadRequest, badVariable);
        Assert.Contains("min_score", Assert.Single(invalid["errors"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(Only(HttpStatusCode.BadRequest, ofDraft)["errors"]!.AsArray());
    }

    [Fact]
    public async Task Start_WorkflowByItsIntegerAlias_StartsASessionWithTheDocumentsPrefix()
    {
        var account = await fixture.NewAccountAsync();
        await account.SaveAsync(ScaleGraphs.Regions());

        var byString = await account.Scale.SendAsync(HttpMethod.Post, "v1/workflow/run", """{"workflowId": "1"}""");
        var byNumber = await account.Scale.SendAsync(HttpMethod.Post, "v1/workflow/run", """{"workflowId": 1}""");

        Assert.StartsWith("compass-sess-", (string?)Only(HttpStatusCode.OK, byString)["sessionId"], StringComparison.Ordinal);
        Assert.StartsWith("compass-sess-", (string?)Only(HttpStatusCode.OK, byNumber)["sessionId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_WaitRunsOut_200WithTheSameShapeNoRowsAndTheSessionState()
    {
        // Arrange: a session waiting for an approval.
        var account = await fixture.NewAccountAsync();
        var session = await account.Scale.RunAsync(await account.SaveAsync(ScaleGraphs.Gate()));
        await account.Scale.SessionUntilAsync(session, "processing");

        // Act
        var result = await account.Scale.GetAsync($"v1/sessions/{session}/result?timeout=200");

        // Assert
        var json = Only(HttpStatusCode.OK, result);
        var expected = JsonNode.Parse("""
            {"data": [], "schema": [], "start": 0, "end": 0,
             "sessionState": {"status": "processing", "cards": [
               {"id": "card-0", "context": {"cardType": "approval", "nodeId": "a"}, "status": "processing", "output": {}},
               {"id": "card-1", "context": {"cardType": "output", "nodeId": "o"}, "status": "idle", "output": {}}]},
             "timedOut": true}
            """)!.AsObject();
        Assert.Equal(0, (int)json["result"]!["summary"]!["totalNumberOfRows"]!);
        json.Remove("result");
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task Result_TimeoutNotAWholeNumber_400(string timeout)
    {
        var account = await fixture.NewAccountAsync();

        var result = await account.Scale.GetAsync($"v1/sessions/compass-sess-x/result?timeout={timeout}");

        Assert.Equal(400, (int)Only(HttpStatusCode.BadRequest, result)["status_code"]!);
    }

    [Fact]
    public async Task Session_RunStartedThroughTheNativeApi_ReadableByItsBareRunId()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.Regions());
        var runId = await account.Native.StartRunAsync(workflow, new JsonObject { ["region"] = "US" });

        // Act
        var result = await account.Scale.GetAsync($"v1/sessions/{runId}/result?timeout=60000");
        var state = await account.Scale.GetAsync($"v1/sessions/{runId}");

        // Assert
        Assert.Equal(2, Only(HttpStatusCode.OK, result)["data"]!.AsArray().Count);
        var cards = Only(HttpStatusCode.OK, state)["sessionState"]!["cards"]!.AsArray();
        Assert.Equal(["import_csv", "filter_rows", "output"], cards.Select(c => (string?)c!["context"]!["cardType"]));
    }

    private static JsonObject Only(
        HttpStatusCode expected, (HttpStatusCode Status, JsonNode? Body, System.Net.Http.Headers.HttpResponseHeaders Headers) response)
    {
        Assert.True(response.Status == expected, $"{(int)response.Status}: {response.Body?.ToJsonString()}");
        return response.Body!.AsObject();
    }
}
