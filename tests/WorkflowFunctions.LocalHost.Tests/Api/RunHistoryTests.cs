using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>Run history (<c>GET /runs</c>, <c>GET /workflows/{id}/runs</c>): filters and cursor paging, each test in its own account.</summary>
[Collection(ApiGroup.Name)]
public class RunHistoryTests(ApiFixture fixture)
{
    [Fact]
    public async Task ListRuns_StatusFilter_SeparatesFinishedFromWaiting()
    {
        var api = await NewAccountAsync();
        var (greeting, approval) = (await api.CreateWorkflowAsync(Graphs.Greeting()), await api.CreateWorkflowAsync(Graphs.Approval()));
        var done = await RunToEndAsync(api, greeting);
        var waiting = await api.StartRunAsync(approval, null);
        await api.PollUntilWaitingAsync(waiting, "a");

        var succeeded = await api.ListAllAsync("v1/runs?status=succeeded");
        var active = await api.ListAllAsync("v1/runs?status=waiting");

        Assert.Equal([done], Ids(succeeded));
        Assert.Equal([waiting], Ids(active));
        Assert.Equal("waiting", active[0]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListRuns_RunningAndWaitingFilters_ListOnlyRunsInThatLiveState()
    {
        var api = await NewAccountAsync();
        var (slow, approval) = (await api.CreateWorkflowAsync(Graphs.Probe(delayMs: 120_000)), await api.CreateWorkflowAsync(Graphs.Approval()));
        var running = await api.StartRunAsync(slow, new JsonObject { ["n"] = 1 });
        var waiting = await api.StartRunAsync(approval, null);
        await api.PollAsync($"v1/runs/{running}", run => run["progress"]?["nodes"]?["h"]?.GetValue<string>() == "running");
        await api.PollUntilWaitingAsync(waiting, "a");

        var onlyRunning = await api.ListAllAsync("v1/runs?status=running");
        var onlyWaiting = await api.ListAllAsync("v1/runs?status=waiting");
        var queued = await api.ListAllAsync("v1/runs?status=queued");
        await api.PostAsync($"v1/runs/{running}/cancel", null);
        await api.PostAsync($"v1/runs/{waiting}/cancel", null);

        Assert.Equal([running], Ids(onlyRunning));
        Assert.Equal("running", onlyRunning[0]["status"]!.GetValue<string>());
        Assert.Equal([waiting], Ids(onlyWaiting));
        Assert.Empty(queued);
    }

    [Fact]
    public async Task ListRuns_WorkflowFilter_ReturnsOnlyThatWorkflowsRuns()
    {
        var api = await NewAccountAsync();
        var (first, second) = (await api.CreateWorkflowAsync(Graphs.Greeting()), await api.CreateWorkflowAsync(Graphs.Greeting()));
        var ofFirst = await RunToEndAsync(api, first);
        var ofSecond = await RunToEndAsync(api, second);

        var byRoute = await api.ListAllAsync($"v1/workflows/{first}/runs");
        var byQuery = await api.ListAllAsync($"v1/runs?workflow_id={second}");

        Assert.Equal([ofFirst], Ids(byRoute));
        Assert.Equal([ofSecond], Ids(byQuery));
    }

    [Fact]
    public async Task ListRuns_CreatedAfterAndBefore_AreExclusiveBounds()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var runs = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            var started = await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = $"n{i}" });
            runs.Add(started.Body!);
            await Task.Delay(20);
        }

        var after = Uri.EscapeDataString(runs[0]["created_at"]!.GetValue<string>());
        var before = Uri.EscapeDataString(runs[2]["created_at"]!.GetValue<string>());
        var newer = await api.ListAllAsync($"v1/runs?created_after={after}");
        var between = await api.ListAllAsync($"v1/workflows/{workflow}/runs?created_after={after}&created_before={before}");

        Assert.Equal([Id(runs[2]), Id(runs[1])], Ids(newer));
        Assert.Equal([Id(runs[1])], Ids(between));
    }

    [Fact]
    public async Task ListRuns_BatchFilter_ReturnsTheBatchsItems()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        await RunToEndAsync(api, workflow);
        var batch = await api.PostAsync(
            $"v1/workflows/{workflow}/batches",
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) });

        var items = await api.ListAllAsync($"v1/runs?batch_id={batch.Text("id")}");

        Assert.Equal(batch.Body!["runs"]!.AsArray().Select(r => r!["run_id"]!.GetValue<string>()), Ids(items));
    }

    [Fact]
    public async Task ListRuns_NewRunsBetweenPages_NoDuplicatesAndNothingMissed()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var original = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            original.Add(await api.StartRunAsync(workflow, new JsonObject { ["name"] = $"o{i}" }));
            await Task.Delay(5);
        }

        var seen = new List<string>();
        var page = await api.GetAsync("v1/runs?limit=2");
        while (true)
        {
            seen.AddRange(Ids(page.Items.Select(i => i!)));
            await api.StartRunAsync(workflow, new JsonObject { ["name"] = "late" });
            var cursor = page.Body!["next_cursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }

            page = await api.GetAsync($"v1/runs?limit=2&cursor={cursor}");
        }

        Assert.Equal(original.AsEnumerable().Reverse(), seen);
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("YWJj")]
    [InlineData("YzE6")]
    [InlineData("YzE6AQI")]
    [InlineData("YzE6w6k")]
    public async Task ListRuns_CursorNotFromThisApi_Returns400(string cursor)
    {
        var response = await fixture.Api.GetAsync($"v1/runs?cursor={cursor}");

        response.AssertProblem(HttpStatusCode.BadRequest, "'cursor'");
    }

    [Fact]
    public async Task ListRuns_UnknownStatus_Returns400()
    {
        var response = await fixture.Api.GetAsync("v1/runs?status=sleeping");

        response.AssertProblem(HttpStatusCode.BadRequest, "'status'");
    }

    [Fact]
    public async Task ListRuns_BadCreatedAfter_Returns400()
    {
        var response = await fixture.Api.GetAsync("v1/runs?created_after=yesterday");

        response.AssertProblem(HttpStatusCode.BadRequest, "'created_after'");
    }

    [Fact]
    public async Task ListWorkflowRuns_UnknownWorkflow_Returns404()
    {
        var response = await fixture.Api.GetAsync("v1/workflows/wf_nothing/runs");

        response.AssertProblem(HttpStatusCode.NotFound, "wf_nothing");
    }

    private Task<ApiClient> NewAccountAsync() => fixture.NewKeyAsync("hist" + Guid.NewGuid().ToString("N")[..10], "admin");

    private static async Task<string> RunToEndAsync(ApiClient api, string workflow)
    {
        var id = await api.StartRunAsync(workflow, new JsonObject { ["name"] = "x" });
        await api.PollRunAsync(id);
        return id;
    }

    private static string Id(JsonNode run) => run["id"]!.GetValue<string>();

    private static List<string> Ids(IEnumerable<JsonNode> runs) => runs.Select(Id).ToList();
}
