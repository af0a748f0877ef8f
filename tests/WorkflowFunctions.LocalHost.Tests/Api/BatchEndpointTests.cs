using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>Batches over HTTP: the sliding concurrency window, all-or-nothing acceptance, limits, item paging and cancel.</summary>
[Collection(ApiGroup.Name)]
public class BatchEndpointTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Create_HundredItemsAtConcurrencyFive_AllFinishAndNeverMoreThanFiveRunAtOnce()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Probe(delayMs: 5, holdUntilConcurrent: 2));
        var items = new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);

        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 5 });
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var (batch, reportedRunning) = await Api.PollBatchAsync(created.Text("id"), TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50));

        Assert.Equal("completed", batch["status"]!.GetValue<string>());
        var counts = batch["counts"]!.AsObject();
        Assert.Equal(100, counts.Sum(c => c.Value!.GetValue<int>()));
        Assert.Equal(100, counts["succeeded"]!.GetValue<int>());
        Assert.Equal(100, batch["finished"]!.GetValue<int>());
        Assert.Equal(100, fixture.Probe.Started(workflow));
        Assert.InRange(fixture.Probe.MaxConcurrent(workflow), 2, 5);
        Assert.InRange(reportedRunning, 1, 5);
    }

    [Fact]
    public async Task Create_Accepted_Returns202WithEveryRunIdAndLocation()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());

        var created = await Api.PostAsync(
            $"v1/workflows/{workflow}/batches",
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) });

        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var id = created.Text("id");
        Assert.Equal($"/api/v1/batches/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(workflow, created.Text("workflow_id"));
        Assert.Equal(2, created.Body!["total"]!.GetValue<int>());
        Assert.Equal([0, 1], created.Body["runs"]!.AsArray().Select(r => r!["index"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Create_OneInvalidItem_Returns422AndStoresNothing()
    {
        var api = await fixture.NewKeyAsync("batch" + Guid.NewGuid().ToString("N")[..10], "admin");
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var items = new JsonArray(new JsonObject { ["name"] = "ok" }, new JsonObject { ["color"] = "blue" }, new JsonObject { ["name"] = "fine" });

        var response = await api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items });
        var runs = await api.ListAllAsync("v1/runs");

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "1 of 3 item(s)");
        Assert.All(response.Body!["errors"]!.AsArray(), e => Assert.Equal(1, e!["index"]!.GetValue<int>()));
        Assert.Contains("input.required", response.ErrorCodes);
        Assert.Contains("input.not_in_options", response.ErrorCodes);
        Assert.Empty(runs);
    }

    [Theory]
    [InlineData("\"low\"", 1)]
    [InlineData("\"medium\"", 5)]
    [InlineData("\"high\"", 15)]
    [InlineData("1", 1)]
    [InlineData("50", 50)]
    public async Task Create_ConcurrencyWordOrNumber_IsApplied(string concurrency, int expected)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        using var content = new StringContent($"{{\"items\": [{{\"name\": \"c\"}}], \"concurrency\": {concurrency}}}", Encoding.UTF8, "application/json");

        var created = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/batches", content);
        var batch = await Api.GetAsync($"v1/batches/{created.Text("id")}");

        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        Assert.Equal(expected, batch.Body!["concurrency"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("\"extreme\"")]
    public async Task Create_BadConcurrency_Returns400(string concurrency)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        using var content = new StringContent($"{{\"items\": [{{\"name\": \"c\"}}], \"concurrency\": {concurrency}}}", Encoding.UTF8, "application/json");

        var response = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/batches", content);

        response.AssertProblem(HttpStatusCode.BadRequest, "'concurrency'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task Create_ItemCountOutOfRange_Returns400(int count)
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var items = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["name"] = "x" })]);

        var response = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items });

        response.AssertProblem(HttpStatusCode.BadRequest, "1 to 10000");
    }

    [Fact]
    public async Task Create_UnknownWorkflow_Returns404()
    {
        var response = await Api.PostAsync("v1/workflows/wf_missing/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject()) });

        response.AssertProblem(HttpStatusCode.NotFound, "wf_missing");
    }

    [Fact]
    public async Task Runs_PagedAndFilteredByStatus_ListEveryItemOnce()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var items = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["name"] = $"n{i}" })]);
        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = "high" });
        var id = created.Text("id");
        await Api.PollAsync($"v1/batches/{id}", b => b["status"]!.GetValue<string>() == "completed");

        var first = await Api.GetAsync($"v1/batches/{id}/runs?limit=2");
        var all = await Api.ListAllAsync($"v1/batches/{id}/runs?limit=2");
        var succeeded = await Api.ListAllAsync($"v1/batches/{id}/runs?status=succeeded");
        var failed = await Api.ListAllAsync($"v1/batches/{id}/runs?status=failed");

        Assert.Equal(2, first.Items.Count);
        Assert.Equal([0, 1, 2, 3, 4], all.Select(r => r["batch_index"]!.GetValue<int>()));
        Assert.Equal(5, succeeded.Count);
        Assert.Empty(failed);
    }

    [Fact]
    public async Task Result_ItemNotStartedYet_LongPollsUntilItEnds()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Probe(delayMs: 1500));
        var items = new JsonArray(new JsonObject { ["n"] = 0 }, new JsonObject { ["n"] = 1 });
        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = "low" });

        var result = await Api.GetAsync($"v1/runs/{RunIndexId(created.Text("id"), 1)}/result?timeout=120000");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Body!["done"]!.GetValue<bool>(), result.Body.ToJsonString());
        Assert.False(result.Body["timed_out"]!.GetValue<bool>());
        Assert.Equal("succeeded", result.Text("status"));
    }

    [Fact]
    public async Task Runs_WaitingFilter_ListsOnlyTheItemWaitingForApproval()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var items = new JsonArray(new JsonObject(), new JsonObject(), new JsonObject());
        var id = (await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 1 })).Text("id");
        await Api.PollUntilWaitingAsync(RunIndexId(id, 0), "a");

        var waiting = await Api.ListAllAsync($"v1/batches/{id}/runs?status=waiting");
        var notWaiting = (await Api.ListAllAsync($"v1/batches/{id}/runs?status=queued"))
            .Concat(await Api.ListAllAsync($"v1/batches/{id}/runs?status=running"))
            .ToList();
        await Api.PostAsync($"v1/batches/{id}/cancel", null);

        var only = Assert.Single(waiting);
        Assert.Equal(0, only["batch_index"]!.GetValue<int>());
        Assert.Equal("waiting", only["status"]!.GetValue<string>());
        Assert.Equal([1, 2], notWaiting.Select(r => r["batch_index"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task ItemNotStarted_CancelOrApprove_Returns409()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var id = (await Api.PostAsync(
            $"v1/workflows/{workflow}/batches",
            new JsonObject { ["items"] = new JsonArray(new JsonObject(), new JsonObject()), ["concurrency"] = 1 })).Text("id");
        await Api.PollUntilWaitingAsync(RunIndexId(id, 0), "a");

        var cancel = await Api.PostAsync($"v1/runs/{RunIndexId(id, 1)}/cancel", null);
        var approve = await Api.PostAsync($"v1/runs/{RunIndexId(id, 1)}/approvals/a", new JsonObject { ["decision"] = "approve" });
        await Api.PostAsync($"v1/batches/{id}/cancel", null);

        cancel.AssertProblem(HttpStatusCode.Conflict, $"/api/v1/batches/{id}/cancel");
        approve.AssertProblem(HttpStatusCode.Conflict, "has not started");
    }

    [Fact]
    public async Task Get_Unknown_Returns404()
    {
        var response = await Api.GetAsync("v1/batches/b_nothing");

        response.AssertProblem(HttpStatusCode.NotFound, "b_nothing");
    }

    [Fact]
    public async Task Cancel_RunningBatch_CancelsRemainingItemsAndCountsAddUp()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval());
        var items = new JsonArray([.. Enumerable.Range(0, 6).Select(_ => (JsonNode)new JsonObject())]);
        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 2 });
        var id = created.Text("id");
        await Api.PollUntilWaitingAsync(RunIndexId(id, 0), "a");
        await Api.PollUntilWaitingAsync(RunIndexId(id, 1), "a");

        var cancelled = await Api.PostAsync($"v1/batches/{id}/cancel", null);
        var batch = await Api.PollAsync($"v1/batches/{id}", b => b["finished"]!.GetValue<int>() == 6);

        Assert.Equal(HttpStatusCode.Accepted, cancelled.Status);
        Assert.Equal("cancelled", batch["status"]!.GetValue<string>());
        Assert.Equal(6, batch["counts"]!["cancelled"]!.GetValue<int>());
        Assert.Equal(6, batch["counts"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
    }

    [Fact]
    public async Task Cancel_CompletedBatch_Returns409()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.Greeting());
        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }) });
        await Api.PollAsync($"v1/batches/{created.Text("id")}", b => b["status"]!.GetValue<string>() == "completed");

        var response = await Api.PostAsync($"v1/batches/{created.Text("id")}/cancel", null);

        response.AssertProblem(HttpStatusCode.Conflict, "already completed");
    }

    private static string RunIndexId(string batchId, int index) => $"{batchId}-{index:D5}";
}
