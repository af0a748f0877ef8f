using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>Runs of saved workflows over HTTP: start, wait, read, long-poll the result, cancel, approvals.</summary>
[Collection(ApiGroup.Name)]
public class RunEndpointTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Start_ValidInput_Returns202WithLocationAndLinks()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var started = await Api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "Ada" });

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var id = started.Text("id");
        Assert.Equal($"/api/v1/runs/{id}", started.Headers.Location!.OriginalString);
        Assert.Equal("queued", started.Text("status"));
        Assert.Equal(workflow, started.Text("workflow_id"));
        Assert.Equal(1, started.Body!["version"]!.GetValue<int>());
        Assert.Equal($"/api/v1/runs/{id}/result", started.Body["links"]!["result"]!.GetValue<string>());
        Assert.Equal($"/api/v1/runs/{id}/cancel", started.Body["links"]!["cancel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_WithWait_Returns200WithTheResult()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var finished = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject { ["name"] = "Ada" });

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("succeeded", finished.Text("status"));
        Assert.Equal("Hello Ada", finished.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_WaitOverTheLimit_Returns400()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var response = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=61", new JsonObject { ["name"] = "Ada" });

        response.AssertProblem(HttpStatusCode.BadRequest, "'wait'");
    }

    [Fact]
    public async Task Start_TextPlainBody_BecomesRawInput()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        using var content = new StringContent("just words", Encoding.UTF8, "text/plain");

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?wait=10", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("raw=just words", finished.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_InvalidInput_Returns422ListingEveryProblem()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var response = await Api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["count"] = "many", ["color"] = "blue" });

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "3 problem(s)");
        Assert.Equal(["input.not_in_options", "input.required", "input.wrong_type"], response.ErrorCodes.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["color", "count", "name"],
            response.Body!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_UnknownWorkflow_Returns404()
    {
        var response = await Api.PostAsync("v1/workflows/wf_missing/runs", new JsonObject());

        response.AssertProblem(HttpStatusCode.NotFound, "wf_missing");
    }

    [Fact]
    public async Task Start_UnknownVersion_Returns404NamingTheVersion()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var response = await Api.PostAsync($"v1/workflows/{workflow}/runs?version=3", new JsonObject());

        response.AssertProblem(HttpStatusCode.NotFound, $"{workflow}@3");
    }

    [Fact]
    public async Task Start_OlderVersion_RunsThatVersion()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        await Api.PatchAsync($"v1/workflows/{workflow}", new JsonObject { ["data"] = Graphs.Greeting() });
        using var content = new StringContent("old", Encoding.UTF8, "text/plain");

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?version=1&wait=10", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal(1, finished.Body!["version"]!.GetValue<int>());
        Assert.Equal("raw=old", finished.Body["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_WorkflowChangedWhileTheRunWaits_RunKeepsItsPinnedVersion()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");
        var changed = Graphs.Approval();
        changed["nodes"]![2]!["data"]!["output"] = "version two";

        var patched = await Api.PatchAsync($"v1/workflows/{workflow}", new JsonObject { ["data"] = changed });
        await Api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var run = await Api.PollRunAsync(id);

        Assert.Equal(2, patched.Body!["latest_version"]!.GetValue<int>());
        Assert.Equal(1, run["version"]!.GetValue<int>());
        Assert.Equal("approved", run["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_WorkflowDeletedWhileTheRunWaits_RunStillFinishes()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");

        var deleted = await Api.DeleteAsync($"v1/workflows/{workflow}");
        await Api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var run = await Api.PollRunAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_DefinitionOfThreeMebibytes_SavesAndRuns()
    {
        var graph = Graphs.RawEcho();
        graph["nodes"]![0]!["data"]!["note"] = new string('n', 3 * 1024 * 1024);
        var workflow = await Api.CreateWorkflowAsync(graph, "three MiB");
        using var content = new StringContent("large", Encoding.UTF8, "text/plain");

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?wait=60", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("raw=large", finished.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("not a media type")]
    public async Task Start_UnsupportedContentType_Returns415(string contentType)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("<input/>"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs", content);

        response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "text/plain");
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("text/plain; charset=iso-8859-1")]
    public async Task Start_CharsetOtherThanUtf8_Returns415(string contentType)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs", content);

        response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "UTF-8");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", "{\"name\": \"Bom\"}", "Hello Bom")]
    [InlineData("text/plain", "bom text", "raw=bom text")]
    public async Task Start_BodyWithByteOrderMark_ReadsTheContentWithoutIt(string contentType, string body, string output)
    {
        var workflow = await Api.CreateWorkflowAsync(contentType.StartsWith("text/", StringComparison.Ordinal) ? Graphs.RawEcho() : Graphs.Greeting());
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)]);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?wait=30", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal(output, finished.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_ChunkedBodyOver4MB_Returns413()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        using var content = new ChunkedContent(new string('x', (4 * 1024 * 1024) + 1), "text/plain");

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs", content);

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "exceeds the limit");
    }

    [Fact]
    public async Task Start_ByAlias_RunsTheWorkflow()
    {
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "by alias", ["data"] = Graphs.Greeting() });

        var finished = await Api.PostAsync($"v1/workflows/{created.Body!["alias"]}/runs?wait=10", new JsonObject { ["name"] = "Al" });

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal(created.Text("id"), finished.Text("workflow_id"));
    }

    [Fact]
    public async Task GetRun_Finished_ShowsStatusNodesAndResult()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var id = await Api.StartRunAsync(workflow, new JsonObject { ["name"] = "Bo" });

        var run = await Api.PollRunAsync(id);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(workflow, run["workflow_id"]!.GetValue<string>());
        Assert.Equal("succeeded", run["result"]!["nodes"]!["o"]!["status"]!.GetValue<string>());
        Assert.Equal("Hello Bo", run["result"]!["outputs"]!["o"]!["content"]!.GetValue<string>());
        Assert.NotNull(run["result"]!["metrics"]);
    }

    [Fact]
    public async Task GetRun_Unknown_Returns404()
    {
        var response = await Api.GetAsync("v1/runs/nosuchrun");

        response.AssertProblem(HttpStatusCode.NotFound, "nosuchrun");
    }

    [Fact]
    public async Task Result_FinishedRun_IsDone()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var id = await Api.StartRunAsync(workflow, new JsonObject { ["name"] = "Cy" });

        var result = await Api.GetAsync($"v1/runs/{id}/result?timeout=20000");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Body!["done"]!.GetValue<bool>());
        Assert.False(result.Body["timed_out"]!.GetValue<bool>());
        Assert.Equal("succeeded", result.Text("status"));
        Assert.Equal("Hello Cy", result.Body["run"]!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Result_RunWaitingForApproval_TimesOut()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");

        var result = await Api.GetAsync($"v1/runs/{id}/result?timeout=300");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.False(result.Body!["done"]!.GetValue<bool>());
        Assert.True(result.Body["timed_out"]!.GetValue<bool>());
        Assert.Equal("waiting", result.Text("status"));
    }

    [Fact]
    public async Task Result_LongPollBeforeApproval_AnswersDoneBeforeItsTimeout()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");
        var clock = Stopwatch.StartNew();

        var poll = Api.GetAsync($"v1/runs/{id}/result?timeout=45000");
        await Task.Delay(200);
        var approved = await Api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var result = await poll;
        clock.Stop();

        Assert.Equal(HttpStatusCode.Accepted, approved.Status);
        Assert.True(result.Body!["done"]!.GetValue<bool>());
        Assert.Equal("succeeded", result.Text("status"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"The long-poll took {clock.Elapsed}, its whole timeout.");
    }

    [Fact]
    public async Task Result_TimeoutOverTheLimit_Returns400()
    {
        var response = await Api.GetAsync("v1/runs/anything/result?timeout=600001");

        response.AssertProblem(HttpStatusCode.BadRequest, "'timeout'");
    }

    [Fact]
    public async Task Cancel_WaitingRun_BecomesCancelled()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");

        var cancelled = await Api.PostAsync($"v1/runs/{id}/cancel", new JsonObject { ["reason"] = "no longer needed" });
        var run = await Api.PollRunAsync(id);

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("cancelled", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_FinishedRun_Returns409()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var id = await Api.StartRunAsync(workflow, new JsonObject { ["name"] = "Di" });
        await Api.PollRunAsync(id);

        var response = await Api.PostAsync($"v1/runs/{id}/cancel", null);

        response.AssertProblem(HttpStatusCode.Conflict, "already finished");
    }

    [Fact]
    public async Task Cancel_Unknown_Returns404()
    {
        var response = await Api.PostAsync("v1/runs/nosuchrun/cancel", null);

        response.AssertProblem(HttpStatusCode.NotFound, "nosuchrun");
    }

    [Fact]
    public async Task Approve_WaitingNode_RunSucceedsWithTheDecision()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");

        var approved = await Api.PostAsync(
            $"v1/runs/{id}/approvals/a",
            new JsonObject { ["decision"] = "approve", ["data"] = new JsonObject { ["by"] = "qa" } });
        var run = await Api.PollRunAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, approved.Status);
        Assert.Equal("approve", approved.Text("decision"));
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("approved", run["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reject_WaitingNode_RunFails()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");

        var rejected = await Api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["approved"] = false });
        var run = await Api.PollRunAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, rejected.Status);
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Equal("failed", run["result"]!["nodes"]!["a"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approve_NodeNotWaiting_Returns409()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");

        var response = await Api.PostAsync($"v1/runs/{id}/approvals/o", new JsonObject { ["decision"] = "approve" });

        response.AssertProblem(HttpStatusCode.Conflict, "not waiting");
    }

    [Fact]
    public async Task Approve_FinishedRun_Returns409()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(id, "a");
        await Api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });
        await Api.PollRunAsync(id);

        var response = await Api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });

        response.AssertProblem(HttpStatusCode.Conflict, "already finished");
    }

    [Fact]
    public async Task Approve_BodyWithoutDecision_Returns400()
    {
        var response = await Api.PostAsync("v1/runs/anything/approvals/a", new JsonObject { ["decision"] = "maybe" });

        response.AssertProblem(HttpStatusCode.BadRequest, "decision");
    }
}
