using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptSo;

/// <summary>
/// Every curl command of reference 004, run with bash unchanged but for the base URL, the key and the path
/// placeholders, against the LocalHost on Azurite: listing and reading workflows, running one and polling it to
/// <c>finished</c>, downloading its result file without a key (and the refusal of a changed or expired link), a batch
/// whose items are read at the executions endpoint, and pagination. Each test uses an account of its own.
/// </summary>
[Collection(ScriptSoGroup.Name)]
public sealed class ScriptSoSnippetTests(ScriptSoFixture fixture)
{
    private Uri Base => fixture.BaseUrl;

    [CurlSnippetFact]
    public async Task WorkflowSnippets_ListAndGet_AnswerTheDocumentsShapesUnderTheWorkflowsUuid()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail(), description: "Sends a personalized welcome email to new users");

        // Act
        var authentication = await CurlSnippets.RunOneAsync("authentication.sh", Base, client.Key);
        var list = await CurlSnippets.RunOneAsync("list_workflows.sh", Base, client.Key);
        var workflow = await CurlSnippets.RunOneAsync("get_workflow.sh", Base, client.Key, Ids(uuid));

        // Assert: the list's only item and its last-page cursor, as the document's example.
        Assert.True(JsonNode.DeepEquals(authentication, list));
        var item = Assert.Single(list["data"]!.AsArray())!;
        Assert.Equal(["id", "name", "created_at", "updated_at"], item.AsObject().Select(p => p.Key));
        Assert.Equal((uuid, "Send welcome email"), ((string?)item["id"], (string?)item["name"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$", (string?)item["created_at"]);
        Assert.True(list.AsObject().ContainsKey("cursor"));
        Assert.Null(list["cursor"]);

        // The workflow with the JSON Schema of its input: email required, name optional.
        Assert.True(Guid.TryParseExact(uuid, "D", out _), uuid);
        Assert.Equal(
            (uuid, "Send welcome email", "Sends a personalized welcome email to new users"),
            ((string?)workflow["id"], (string?)workflow["name"], (string?)workflow["description"]));
        var schema = workflow["input_schema"]!;
        Assert.Equal(
            ("object", "string", "string"),
            ((string?)schema["type"], (string?)schema["properties"]!["email"]!["type"], (string?)schema["properties"]!["name"]!["type"]));
        Assert.Equal(["email"], schema["required"]!.AsArray().Select(r => (string?)r));
    }

    [CurlSnippetFact]
    public async Task RunAndPollSnippets_Execution_StartsInitialThenFinishesWithAResultFileDownloadableWithoutAKey()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());

        // Act: run it, then poll the execution endpoint until finished, as the document says.
        var started = await CurlSnippets.RunOneAsync("run_workflow.sh", Base, client.Key, Ids(uuid));
        var executionId = (string)started["execution_id"]!;
        var finished = await PollAsync(client, uuid, executionId);

        // Assert: the start, as the document's example.
        Assert.Equal(["execution_id", "workflow_id", "status", "created_at"], started.AsObject().Select(p => p.Key));
        Assert.True(Guid.TryParseExact(executionId, "D", out _), executionId);
        Assert.Equal((uuid, "initial"), ((string?)started["workflow_id"], (string?)started["status"]));
        Assert.EndsWith("Z", (string?)started["created_at"], StringComparison.Ordinal);

        // The finished execution and its result file.
        Assert.Equal(
            (executionId, uuid, "finished", (string?)started["created_at"]),
            ((string?)finished["id"], (string?)finished["workflow_id"], (string?)finished["status"], (string?)finished["created_at"]));
        var file = Assert.Single(finished["results"]!.AsArray())!;
        Assert.Equal("result.json", (string?)file["filename"]);
        var url = new Uri((string)file["url"]!);
        Assert.Equal((fixture.Host.BaseAddress.Authority, $"/api/results/{executionId}/result.json"), (url.Authority, url.AbsolutePath));

        // Downloaded without the API key: the run's result.
        var (status, result) = await DownloadAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            (executionId, "succeeded", "Welcome John <john@example.com>"),
            ((string?)result["run_id"], (string?)result["status"], (string?)result["output"]));
        Assert.Equal(uuid, (string?)result["workflow_uuid"]);
        Assert.Equal("Welcome John <john@example.com>", (string?)result["outputs"]!["o"]!["content"]);
        Assert.Equal("succeeded", (string?)result["nodes"]!["o"]!["status"]);

        // The native run view offers a link to the same file.
        var native = await client.Native.GetAsync($"v1/runs/{executionId}");
        var (nativeStatus, nativeFile) = await DownloadAsync(new Uri(native.Body!["links"]!["result_file"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, nativeStatus);
        Assert.True(JsonNode.DeepEquals(result, nativeFile));
    }

    [CurlSnippetFact]
    public async Task ResultFile_WithoutItsSignatureChangedOrExpired_IsRefused()
    {
        // Arrange: a finished execution's result URL.
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());
        var executionId = (string)(await CurlSnippets.RunOneAsync("run_workflow.sh", Base, client.Key, Ids(uuid)))["execution_id"]!;
        var url = (string)(await PollAsync(client, uuid, executionId))["results"]![0]!["url"]!;
        var path = url[..url.IndexOf('?', StringComparison.Ordinal)];
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        var (expires, signature) = (long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture), query["signature"]!);

        // An hour from now, to the second (the link was just read).
        Assert.InRange(expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3600);

        // A link signed with this host's secret that expired a second ago.
        var past = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        var expired = $"{path}?expires={past}&signature={Sign(executionId, past)}";

        // Act + Assert
        foreach (var (refused, says) in new[]
        {
            (path, "not signed"),
            ($"{path}?expires={expires}", "not signed"),
            ($"{path}?expires={expires}&signature={Flip(signature)}", "does not match"),
            ($"{path}?expires={expires + 86_400}&signature={signature}", "does not match"),
            (expired, "expired"),
        })
        {
            var (status, body) = await DownloadAsync(new Uri(refused));
            Assert.True(status == HttpStatusCode.Forbidden, $"{refused}: {status}");
            Assert.Contains(says, (string?)body["error"], StringComparison.Ordinal);
        }

        // The same link, valid a second longer, is served: only the expiry refused it.
        var live = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60;
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(new Uri($"{path}?expires={live}&signature={Sign(executionId, live)}"))).Status);
    }

    [CurlSnippetFact]
    public async Task BatchSnippet_TwoItems_AnswersTheirIdsAndEachFinishesAtTheExecutionsEndpoint()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());

        // Act
        var batch = await CurlSnippets.RunOneAsync("batch.sh", Base, client.Key, Ids(uuid));
        var executions = batch["executions"]!.AsArray();
        var finished = new List<JsonNode>();
        foreach (var execution in executions)
        {
            finished.Add(await PollAsync(client, uuid, (string)execution!["execution_id"]!));
        }

        // Assert: the document's shape, then each item's own result.
        Assert.Equal(["workflow_id", "total", "executions"], batch.AsObject().Select(p => p.Key));
        Assert.Equal((uuid, 2), ((string?)batch["workflow_id"], (int)batch["total"]!));
        Assert.Equal([0, 1], executions.Select(e => (int)e!["index"]!));
        Assert.All(finished, f => Assert.Equal("finished", (string?)f["status"]));
        var outputs = new List<string?>();
        foreach (var execution in finished)
        {
            var (_, file) = await DownloadAsync(new Uri((string)execution["results"]![0]!["url"]!));
            outputs.Add((string?)file["output"]);
        }

        Assert.Equal(["Welcome Alice <alice@example.com>", "Welcome Bob <bob@example.com>"], outputs);
    }

    [CurlSnippetFact]
    public async Task PaginationSnippets_AsWrittenWithoutAKey_AreRefused401()
    {
        var client = await fixture.NewAccountAsync();

        var pages = await CurlSnippets.RunAsync("pagination.sh", Base, client.Key);

        Assert.Equal(2, pages.Count);
        Assert.All(pages, page => Assert.Equal("Missing API key: send it in the x-api-key header.", (string?)page["error"]));
    }

    [CurlSnippetFact]
    public async Task PaginationSnippets_WithTheKeyAdded_PageByTenAndTheExampleTimeCursorStartsBeforeThatTime()
    {
        // Arrange: twelve workflows.
        var client = await fixture.NewAccountAsync();
        var created = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            created.Add(await client.CreateAsync(ScriptSoGraphs.WelcomeEmail(), $"Workflow {i}"));
        }

        // Act: the document's two requests (the only change: the key header), then the cursor the first page gave.
        var pages = await CurlSnippets.RunAsync("pagination.sh", Base, client.Key, addKeyHeader: true);
        var cursor = (string)pages[0]["cursor"]!;
        var (status, next, _) = await client.GetAsync($"workflows?limit=10&cursor={Uri.EscapeDataString(cursor)}");

        // Assert: newest first, ten then two; the example's cursor (2024) precedes every workflow here.
        Assert.Equal(2, pages.Count);
        Assert.Equal(Enumerable.Reverse(created).Take(10), pages[0]["data"]!.AsArray().Select(w => (string?)w!["id"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"data": [], "cursor": null}"""), pages[1]), pages[1].ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Enumerable.Reverse(created).Skip(10), next!["data"]!.AsArray().Select(w => (string?)w!["id"]));
        Assert.Null(next["cursor"]);
    }

    private static Dictionary<string, string> Ids(string workflowId, string? executionId = null) =>
        executionId is null ? new() { ["workflowId"] = workflowId } : new() { ["workflowId"] = workflowId, ["executionId"] = executionId };

    // The document's polling: its execution snippet, read until the status is finished (or error).
    private async Task<JsonNode> PollAsync(ScriptSoClient client, string workflowId, string executionId)
    {
        var until = DateTime.UtcNow + Api.ApiClient.RunDeadline;
        while (true)
        {
            var execution = await CurlSnippets.RunOneAsync("get_execution.sh", Base, client.Key, Ids(workflowId, executionId));
            if ((string?)execution["status"] is "finished" or "error")
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < until, $"Execution {executionId} did not end in time: {execution.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    // A result URL downloaded as a browser would: no API key.
    private static async Task<(HttpStatusCode Status, JsonNode Body)> DownloadAsync(Uri url)
    {
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(url);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    // The documented signature: base64url HMAC-SHA256 of "result.json\n<run id>\n<expires>" with the signing secret.
    private static string Sign(string runId, long expires) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(ScriptSoFixture.SigningSecret), System.Text.Encoding.UTF8.GetBytes($"result.json\n{runId}\n{expires}")));

    private static string Flip(string signature) => (signature[0] == 'A' ? "B" : "A") + signature[1..];
}
