using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scale;

/// <summary>
/// Reference 000's own client code against the LocalHost on Azurite: its TypeScript functions (<c>runWorkflow</c>,
/// <c>main</c>, <c>waitForResult</c>, <c>runWorkflowSafe</c>) under Node with <c>fetch</c>, and its curl + jq pipeline,
/// with only the base URL changed (and, where a test says so, the example workflow id <c>wf-abc123</c>).
/// </summary>
[Collection(ScaleGroup.Name)]
public class ScaleSnippetTests(ScaleFixture fixture)
{
    private static readonly string[] RunAndWait = ["run_and_wait.ts"];
    private static readonly string[] Polling = ["run_and_wait.ts", "wait_for_result.ts"];
    private static readonly string[] Safe = ["run_and_wait.ts", "run_workflow_safe.ts"];

    [TypeScriptSnippetFact]
    public async Task Main_AsWritten_PrintsTheNotFoundErrorOfItsExampleWorkflow()
    {
        // Arrange: a new account has no workflow wf-abc123.
        var account = await fixture.NewAccountAsync();

        // Act
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, RunAndWait);

        // Assert: main's catch prints the error runWorkflow threw, with the document's 404 body.
        Assert.Equal(0, output.Exit);
        Assert.Empty(output.Printed);
        const string printed = """Error: Failed to start workflow: {"error":"Workflow not found or you do not have access.","status_code":404}""";
        Assert.Contains(printed, output.Stderr, StringComparison.Ordinal);
    }

    [TypeScriptSnippetFact]
    public async Task Main_ExampleIdNamingASavedWorkflow_PrintsTheRowsOfItsRegion()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.Regions());

        // Act: main runs it with {region: 'US', date: '2024-01-01'} (date is no input field: kept, unused).
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, RunAndWait, exampleWorkflow: workflow);

        // Assert
        Assert.True(output.Exit == 0 && output.Stderr.Length == 0, output.Stderr);
        Assert.Equal("2 rows returned", output.Printed[0]);
        var rows = string.Join('\n', output.Printed.Skip(1));
        Assert.Contains("name: 'Alice', score: 0.92, region: 'US'", rows, StringComparison.Ordinal);
        Assert.Contains("name: 'Bob', score: 0.85, region: 'US'", rows, StringComparison.Ordinal);
    }

    [TypeScriptSnippetFact]
    public async Task RunWorkflow_ImportMapFilterPipeline_ReturnsTheFilteredTableAndDefaultsFillOmittedVariables()
    {
        // Arrange: import CSV -> map rows (LLM) -> filter rows, saved with defaults for csv, prompt and min_score.
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.RatedReviews());

        // Act: the document's variables example, then no variables at all.
        var epilogue = $$"""
            await report(() => runWorkflow('{{workflow}}', { model: 'gpt-4o', prompt: 'Summarize the following in one sentence', min_score: '0.7' }));
            await report(() => runWorkflow('{{workflow}}'));
            """;
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, RunAndWait, epilogue);

        // Assert: the rows the LLM rated at least 0.7, in the document's result shape.
        Assert.Equal(2, output.Reports.Count);
        var filtered = output.Reports[0]["value"]!;
        Assert.True(filtered["data"]!.AsArray().Count == 2, filtered.ToJsonString());
        Assert.Equal(
            """[{"name":"Alice","review":"I love it","score":0.9},{"name":"Dan","review":"Great value","score":0.9}]""",
            filtered["data"]!.ToJsonString());
        Assert.Equal(
            """[{"id":"name","header":"Name","type":"string"},{"id":"review","header":"Review","type":"string"},"""
                + """{"id":"score","header":"Score","type":"number"}]""",
            filtered["schema"]!.ToJsonString());
        Assert.Equal((0, 2, 2), ((int)filtered["start"]!, (int)filtered["end"]!, (int)filtered["result"]!["summary"]!["totalNumberOfRows"]!));
        Assert.True((long)filtered["result"]!["summary"]!["executionDurationMillis"]! > 0);
        Assert.Equal(["Alice", "Bob", "Dan"], output.Reports[1]["value"]!["data"]!.AsArray().Select(r => (string?)r!["name"]));
    }

    [TypeScriptSnippetFact]
    public async Task WaitForResult_PipelineSession_IdleWithItsCardsCompletedInTheGraphsOrderThenTheResult()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.RatedReviews());

        // Act: the document's polling pattern: start, poll the session until idle, then read the result.
        var epilogue = $$"""
            const started = await fetch(`${BASE_URL}/v1/workflow/run`, {
              method: 'POST',
              headers: HEADERS,
              body: JSON.stringify({ workflowId: '{{workflow}}' }),
            });
            const { sessionId } = await started.json();
            await report(() => waitForResult(sessionId, 100, 60000));
            await report(async () => (await fetch(`${BASE_URL}/v1/sessions/${sessionId}/result`, { headers: HEADERS })).json());
            """;
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, Polling, epilogue);

        // Assert
        Assert.True(output.Reports.Count == 2 && output.Reports[0]["value"] is not null, string.Join('\n', output.Reports.Select(r => r.ToJsonString())));
        var state = output.Reports[0]["value"]!;
        Assert.Equal("idle", (string?)state["status"]);
        var cards = state["cards"]!.AsArray();
        Assert.Equal(["card-0", "card-1", "card-2", "card-3"], cards.Select(c => (string?)c!["id"]));
        Assert.Equal(["import_csv", "map_rows", "filter_rows", "output"], cards.Select(c => (string?)c!["context"]!["cardType"]));
        Assert.All(cards, c => Assert.Equal("completed", (string?)c!["status"]));
        Assert.Equal(4, (int)cards[1]!["output"]!["row_count"]!);
        Assert.Null(cards[1]!["output"]!["rows"]);
        Assert.Equal(3, output.Reports[1]["value"]!["data"]!.AsArray().Count);
    }

    [TypeScriptSnippetFact]
    public async Task WaitForResult_ACardFails_ThrowsWithTheCardsErrorMessage()
    {
        // Arrange: the LLM answers "no idea" for a review that says "explode", which is not a score.
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.RatedReviews());
        var session = await account.Scale.RunAsync(workflow, new JsonObject { ["csv"] = "Name,Review\nEve,This will explode" });

        // Act
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, Polling, $"await report(() => waitForResult('{session}', 100, 60000));");

        // Assert
        var thrown = output.Thrown;
        Assert.StartsWith("1 card(s) failed: ", thrown, StringComparison.Ordinal);
        Assert.Contains("no idea", thrown, StringComparison.Ordinal);
        var state = (await account.Scale.GetAsync($"v1/sessions/{session}")).Body!["sessionState"]!;
        Assert.Equal(("idle", "errored", "idle"), ((string?)state["status"], (string?)state["cards"]![1]!["status"], (string?)state["cards"]![2]!["status"]));
    }

    [TypeScriptSnippetFact]
    public async Task WaitForResult_CancelledSession_ThrowsItEndedInactive()
    {
        // Arrange: a session waiting for an approval, cancelled through the native API (a session is a run).
        var account = await fixture.NewAccountAsync();
        var session = await account.Scale.RunAsync(await account.SaveAsync(ScaleGraphs.Gate()));
        await account.Scale.SessionUntilAsync(session, "processing");
        var cancelled = await account.Native.PostAsync($"v1/runs/{session["compass-sess-".Length..]}/cancel", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);

        // Act
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, Polling, $"await report(() => waitForResult('{session}', 100, 60000));");

        // Assert
        Assert.Equal("Session ended with status: inactive", output.Thrown);
    }

    [TypeScriptSnippetFact]
    public async Task WaitForResult_UnknownSession_ThrowsTheStatusAndTheDocumentsNotFoundBody()
    {
        var account = await fixture.NewAccountAsync();

        var output = await ScaleSnippets.TypeScriptAsync(
            fixture.BaseUrl, account, Polling, "await report(() => waitForResult('compass-sess-00000000-0000-0000-0000-000000000000', 100, 5000));");

        Assert.Equal("""[404] Failed to poll session: {"error":"Session not found or you do not have access.","status_code":404}""", output.Thrown);
    }

    [TypeScriptSnippetFact]
    public async Task RunWorkflowSafe_SavedWorkflow_ReturnsTheResult()
    {
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.Regions());

        var output = await ScaleSnippets.TypeScriptAsync(
            fixture.BaseUrl, account, Safe, $"await report(() => runWorkflowSafe('{workflow}', {{ region: 'US' }}));");

        Assert.Equal(["Alice", "Bob"], output.Value["data"]!.AsArray().Select(r => (string?)r!["name"]));
    }

    [TypeScriptSnippetFact]
    public async Task RunWorkflowSafe_Refusals_ThrowTheStatusAndTheDocumentsErrorWord()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.Regions());
        var epilogue = $"""
            await report(() => runWorkflowSafe('wf_0123456789abcdef01234567'));
            await report(() => runWorkflowSafe(undefined as unknown as string));
            await report(() => runWorkflowSafe('{workflow}', ['US'] as unknown as Record<string, string>));
            """;

        // Act: the same calls, then one with an account id that is not the key's.
        var output = await ScaleSnippets.TypeScriptAsync(fixture.BaseUrl, account, Safe, epilogue);
        var otherAccount = await ScaleSnippets.TypeScriptAsync(
            fixture.BaseUrl, account, Safe, $"await report(() => runWorkflowSafe('{workflow}'));", claimedAccount: "someone-else");

        // Assert
        Assert.Equal(
            [
                "[404] Workflow not found or you do not have access.",
                "[400] 'workflowId' is required.",
                "[400] 'variables' must be an object of variable names to values.",
            ],
            output.Reports.Select(r => (string?)r["thrown"]));
        Assert.Equal("[401] Unauthorized", otherAccount.Thrown);
    }

    [CurlSnippetFact]
    public async Task Curl_AsWritten_NoSessionForItsExampleWorkflowSoTheResultIsNotFound()
    {
        // Arrange: jq prints "null" for the 404 body's missing sessionId, and the pipeline asks for session "null".
        var account = await fixture.NewAccountAsync();

        // Act
        var body = JsonNode.Parse(await ScaleSnippets.CurlAsync(fixture.BaseUrl, account, "run_and_wait.sh"))!;

        // Assert
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse("""{"error":"Session not found or you do not have access.","status_code":404}"""), body),
            body.ToJsonString());
    }

    [CurlSnippetFact]
    public async Task Curl_ExampleIdNamingASavedWorkflow_PrintsTheResultOfItsRegion()
    {
        var account = await fixture.NewAccountAsync();
        var workflow = await account.SaveAsync(ScaleGraphs.Regions());

        var body = JsonNode.Parse(await ScaleSnippets.CurlAsync(fixture.BaseUrl, account, "run_and_wait.sh", exampleWorkflow: workflow))!;

        Assert.Equal(
            """[{"name":"Alice","score":0.92,"region":"US"},{"name":"Bob","score":0.85,"region":"US"}]""",
            body["data"]!.ToJsonString());
        Assert.Equal(("idle", false), ((string?)body["sessionState"]!["status"], (bool)body["timedOut"]!));
    }
}
