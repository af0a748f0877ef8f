using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.LocalHost.Tests.Api;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.LocalHost.Tests.ScriptSo;

/// <summary>
/// Reference 004's contract beyond its snippets, on the LocalHost: the status words while a run waits for approval and
/// after it is cancelled, the 15-minute run timeout, the 404s (the workflow, an execution of another workflow), 400 never 422 for bad input,
/// drafts and malformed bodies, 401, 413 over 4 MB, <c>limit</c> over 100, and 429 with <c>Retry-After</c>.
/// </summary>
[Collection(ScriptSoGroup.Name)]
public sealed class ScriptSoApiTests(ScriptSoFixture fixture)
{
    [Fact]
    public async Task Execution_WaitingForApprovalThenCancelled_IsHumanInTheLoopThenErrorWithWhyAndNoResults()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.Approval(), "Approval");
        var (_, started, _) = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions", "{}");
        var id = (string)started!["execution_id"]!;

        // Act
        await client.Native.PollUntilWaitingAsync(id, "gate");
        var (_, waiting, _) = await client.GetAsync($"workflows/{uuid}/executions/{id}");
        var cancelled = await client.Native.PostAsync($"v1/runs/{id}/cancel", new JsonObject { ["reason"] = "no longer needed" });
        var ended = await client.PollAsync(uuid, id);

        // Assert
        Assert.Equal(("human_in_the_loop", 0), ((string?)waiting!["status"], waiting["results"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal(("error", 0), ((string?)ended["status"], ended["results"]!.AsArray().Count));
        Assert.Contains("no longer needed", (string?)ended["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutionsAndBatchItems_StartedHere_RunWithTheDocumentsFifteenMinuteTimeout()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());
        var (_, started, _) = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions", """{"input": {"email": "a@example.com"}}""");
        var (_, batch, _) = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions/batch", """{"items": [{"email": "b@example.com"}]}""");
        var single = (string)started!["execution_id"]!;
        var item = (string)batch!["executions"]![0]!["execution_id"]!;
        await client.PollAsync(uuid, single);
        await client.PollAsync(uuid, item);

        // Act: what each run's orchestration was started with.
        var durable = fixture.Host.Services.GetRequiredService<DurableTaskClient>();
        var singleRequest = (await durable.GetInstanceAsync(single, getInputsAndOutputs: true))!.ReadInputAs<WorkflowRunRequest>()!;
        var itemRequest = (await durable.GetInstanceAsync(item, getInputsAndOutputs: true))!.ReadInputAs<WorkflowRunRequest>()!;

        // Assert
        Assert.Equal((900, 900), (singleRequest.Options.TimeoutSeconds, itemRequest.Options.TimeoutSeconds));
    }

    [Fact]
    public async Task Execution_OfAnotherWorkflowOrUnknown_Is404WithTheDocumentsWording()
    {
        // Arrange: an execution of one workflow, read under another.
        var client = await fixture.NewAccountAsync();
        var first = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());
        var second = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail(), "Other");
        var (_, started, _) = await client.SendAsync(HttpMethod.Post, $"workflows/{first}/executions", """{"input": {"email": "a@example.com"}}""");
        var id = (string)started!["execution_id"]!;

        // Act
        var underOther = await client.GetAsync($"workflows/{second}/executions/{id}");
        var unknownExecution = await client.GetAsync($"workflows/{first}/executions/7c9e6679-7425-40de-944b-e07fc1f90ae7");
        var unknownWorkflow = await client.GetAsync("workflows/550e8400-e29b-41d4-a716-446655440000");
        var runUnknown = await client.SendAsync(HttpMethod.Post, "workflows/550e8400-e29b-41d4-a716-446655440000/executions", "{}");
        var own = await client.GetAsync($"workflows/{first}/executions/{id}");

        // Assert
        AssertError(underOther, HttpStatusCode.NotFound, "Execution not found");
        AssertError(unknownExecution, HttpStatusCode.NotFound, "Execution not found");
        AssertError(unknownWorkflow, HttpStatusCode.NotFound, "Workflow not found");
        AssertError(runUnknown, HttpStatusCode.NotFound, "Workflow not found");
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }

    [Fact]
    public async Task Start_InvalidInputDraftOrMalformedBody_Is400WithAnErrorNever422()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());
        var draft = await client.CreateAsync(new JsonObject(), "Draft");

        // Act
        var missingEmail = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions", """{"input": {"name": "John"}}""");
        var scalar = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions", """{"input": "john@example.com"}""");
        var notJson = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions", "{\"input\": ");
        var drafted = await client.SendAsync(HttpMethod.Post, $"workflows/{draft}/executions", "{}");
        var badItem = await client.SendAsync(
            HttpMethod.Post, $"workflows/{uuid}/executions/batch", """{"items": [{"email": "a@example.com"}, {"name": "Bob"}]}""");
        var badConcurrency = await client.SendAsync(
            HttpMethod.Post, $"workflows/{uuid}/executions/batch", """{"items": [{"email": "a@example.com"}], "concurrency": "max"}""");
        var noItems = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions/batch", """{"concurrency": "low"}""");

        // Assert
        AssertError(missingEmail, HttpStatusCode.BadRequest, "problem");
        Assert.Contains(missingEmail.Body!["details"]!.AsArray(), d => ((string?)d)!.Contains("email", StringComparison.Ordinal));
        AssertError(scalar, HttpStatusCode.BadRequest, "JSON object or array");
        AssertError(notJson, HttpStatusCode.BadRequest, "not valid JSON");
        AssertError(drafted, HttpStatusCode.BadRequest, "error(s)");
        AssertError(badItem, HttpStatusCode.BadRequest, "1 of 2 item(s) have invalid input");
        Assert.Contains(badItem.Body!["details"]!.AsArray(), d => ((string?)d)!.StartsWith("items[1]: ", StringComparison.Ordinal));
        AssertError(badConcurrency, HttpStatusCode.BadRequest, "'concurrency'");
        AssertError(noItems, HttpStatusCode.BadRequest, "'items'");
    }

    [Fact]
    public async Task Requests_WithoutOrWithABadKey_Are401()
    {
        var client = await fixture.NewAccountAsync();
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var missing = await client.SendAsync(HttpMethod.Get, "workflows", withKey: false);
        var bad = await new ScriptSoClient(http, "wk_not-a-key", client.Native).GetAsync("workflows");

        AssertError(missing, HttpStatusCode.Unauthorized, "x-api-key");
        AssertError(bad, HttpStatusCode.Unauthorized, "not valid");
    }

    [Fact]
    public async Task List_LimitOver100OrAGarbledCursor_Is400()
    {
        var client = await fixture.NewAccountAsync();

        var overLimit = await client.GetAsync("workflows?limit=101");
        var garbled = await client.GetAsync("workflows?cursor=not-a-cursor");
        var atLimit = await client.GetAsync("workflows?limit=100");

        AssertError(overLimit, HttpStatusCode.BadRequest, "'limit'");
        AssertError(garbled, HttpStatusCode.BadRequest, "'cursor'");
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
    }

    [Fact]
    public async Task List_TimeCursor_StartsAtTheNewestWorkflowCreatedBeforeIt()
    {
        // Arrange: three workflows; the cursor is the middle one's creation time.
        var client = await fixture.NewAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.CreateAsync(ScriptSoGraphs.WelcomeEmail(), $"W{i}"));
            await Task.Delay(20);
        }

        var (_, all, _) = await client.GetAsync("workflows");
        var middle = all!["data"]!.AsArray().Single(w => (string?)w!["id"] == ids[1])!;

        // Act
        var (status, page, _) = await client.GetAsync($"workflows?cursor={Uri.EscapeDataString((string)middle["created_at"]!)}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([ids[0]], page!["data"]!.AsArray().Select(w => (string?)w!["id"]));
    }

    [Fact]
    public async Task Start_BodyOver4MB_Is413WithAnError()
    {
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());
        var body = "{\"input\": {\"email\": \"a@example.com\", \"name\": \"" + new string('x', 4 * 1024 * 1024) + "\"}}";

        var response = await client.SendAsync(HttpMethod.Post, $"workflows/{uuid}/executions", body);

        AssertError(response, HttpStatusCode.RequestEntityTooLarge, "4194304");
    }

    [Fact]
    public async Task Start_WithAnIdempotencyKeyTwice_StartsOneExecution()
    {
        var client = await fixture.NewAccountAsync();
        var uuid = await client.CreateAsync(ScriptSoGraphs.WelcomeEmail());
        var api = client.Native.WithKey(client.Key);

        var first = await api.PostAsync(
            $"compat/scriptso/workflows/{uuid}/executions", JsonNode.Parse("""{"input": {"email": "a@example.com"}}"""), ("Idempotency-Key", "k-1"));
        var again = await api.PostAsync(
            $"compat/scriptso/workflows/{uuid}/executions", JsonNode.Parse("""{"input": {"email": "a@example.com"}}"""), ("Idempotency-Key", "k-1"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, again.Status));
        Assert.Equal(first.Text("execution_id"), again.Text("execution_id"));
        Assert.Equal($"/api/compat/scriptso/workflows/{uuid}/executions/{first.Text("execution_id")}", first.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Requests_OverThePerKeyRateLimit_Are429WithRetryAfter()
    {
        // A host of its own, in memory, allowing two requests a minute per key.
        var (host, _) = await ApiHost.StartAsync(rateLimitPerMinute: 2, inMemory: true);
        await using (host)
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var client = new ScriptSoClient(http, ApiHost.BootstrapKey, new ApiClient(http, ApiHost.BootstrapKey));

            await client.GetAsync("workflows");
            await client.GetAsync("workflows");
            var limited = await client.GetAsync("workflows");

            AssertError(limited, HttpStatusCode.TooManyRequests, "limit");
            Assert.True(int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
    }

    private static void AssertError(
        (HttpStatusCode Status, JsonNode? Body, System.Net.Http.Headers.HttpResponseHeaders Headers) response, HttpStatusCode status, string says)
    {
        Assert.True(response.Status == status, $"{response.Status}: {response.Body?.ToJsonString()}");
        Assert.Contains(says, (string?)response.Body!["error"], StringComparison.Ordinal);
    }
}
