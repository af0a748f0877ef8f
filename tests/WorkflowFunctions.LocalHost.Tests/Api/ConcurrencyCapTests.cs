using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Storage.Slots;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Per-workflow concurrency caps over HTTP on Azurite: runs beyond <c>max_concurrent_runs</c> are <c>queued</c> with their
/// place in line and start in that order as slots free, never more than the cap run at once, batch items wait too, and
/// every way a run ends (succeeded, failed, cancelled, cancelled while waiting) frees exactly what it held.
/// </summary>
[Collection(ApiGroup.Name)]
public class ConcurrencyCapTests(ApiFixture fixture)
{
    private const string Account = "default";

    private ApiClient Api => fixture.Api;

    private RunSlots Slots => fixture.Host.Services.GetRequiredService<RunSlots>();

    [Fact]
    public async Task Start_FortyRunsCappedAtTen_NeverMoreThanTenRunAndTheOthersWaitAndStartInLineOrder()
    {
        var workflow = await CreateCappedAsync(Graphs.Probe(delayMs: 50, holdUntilReleased: true), cap: 10);
        var runs = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            runs.Add(await Api.StartRunAsync(workflow, new JsonObject { ["n"] = i }));
        }

        // The first ten to arrive hold the slots (their node waits for the test); thirty wait, in the order they were accepted.
        var queued = await WaitUntilQueuedAsync(runs, expected: 30);
        Assert.Equal(Enumerable.Range(1, 30), queued.Select(q => q.Position));
        Assert.Equal(runs.Where(r => queued.Any(q => q.RunId == r)), queued.Select(q => q.RunId));
        var line = await Slots.ReadAsync(Account, workflow, default);
        Assert.Equal((10, 10, 30), (line.Limit, line.Holding, line.Waiting));

        fixture.Probe.ReleaseWorkflow(workflow);
        var finished = await Task.WhenAll(runs.Select(Api.PollRunAsync));

        Assert.All(finished, run => Assert.Equal("succeeded", run["status"]!.GetValue<string>()));
        Assert.Equal(40, fixture.Probe.Started(workflow));
        Assert.Equal(10, fixture.Probe.MaxConcurrent(workflow));
        // Slots go to waiters in line order; runs handed slots at nearly the same moment may start their nodes in either
        // order, but none overtakes a run a whole cap's worth ahead of it.
        var started = fixture.Probe.StartOrder(workflow).Where(r => queued.Any(q => q.RunId == r)).ToList();
        var place = queued.ToDictionary(q => q.RunId, q => q.Position);
        for (var i = 0; i < started.Count; i++)
        {
            Assert.All(started.Skip(i + 1), later => Assert.True(place[later] > place[started[i]] - 10, $"{later} started long before {started[i]}"));
        }

        await AssertEmptyAsync(workflow);
    }

    [Fact]
    public async Task Cancel_RunWaitingInLine_EndsItAndFreesNothingItDoesNotHold()
    {
        var workflow = await CreateCappedAsync(Graphs.Approval(), cap: 1);
        var holder = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(holder, "a");
        var waiting = await Api.StartRunAsync(workflow, null);
        var behind = await Api.StartRunAsync(workflow, null);
        var queued = await WaitUntilQueuedAsync([waiting, behind], expected: 2);
        Assert.Equal([(waiting, 1), (behind, 2)], queued);

        var cancelled = await Api.PostAsync($"v1/runs/{waiting}/cancel", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        var run = await Api.PollRunAsync(waiting);
        Assert.Equal("cancelled", run["status"]!.GetValue<string>());
        Assert.Equal("cancelled", run["result"]!["nodes"]!["a"]!["status"]!.GetValue<string>());
        Assert.Equal("waiting", (await Api.GetAsync($"v1/runs/{holder}")).Body!["status"]!.GetValue<string>());
        Assert.Equal(1, (await Api.GetAsync($"v1/runs/{behind}")).Body!["queue_position"]!.GetValue<int>());
        var line = await Slots.ReadAsync(Account, workflow, default);
        Assert.Equal([holder], line.Holders.Select(h => h.RunId));
        Assert.Equal([behind], line.Waiters);

        await ApproveAsync(holder);
        await ApproveAsync(behind, waitForIt: true);
        Assert.Equal("succeeded", (await Api.PollRunAsync(behind))["status"]!.GetValue<string>());
        await AssertEmptyAsync(workflow);
    }

    [Fact]
    public async Task RunsEndingFailedOrCancelled_HandTheirSlotOn()
    {
        var workflow = await CreateCappedAsync(Graphs.Approval(), cap: 1);
        var rejected = await Api.StartRunAsync(workflow, null);
        await Api.PollUntilWaitingAsync(rejected, "a");
        var cancelled = await Api.StartRunAsync(workflow, null);
        var last = await Api.StartRunAsync(workflow, null);
        await WaitUntilQueuedAsync([cancelled, last], expected: 2);

        var rejection = await Api.PostAsync($"v1/runs/{rejected}/approvals/a", new JsonObject { ["approved"] = false });
        Assert.Equal(HttpStatusCode.Accepted, rejection.Status);
        Assert.Equal("failed", (await Api.PollRunAsync(rejected))["status"]!.GetValue<string>());
        await Api.PollUntilWaitingAsync(cancelled, "a");
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"v1/runs/{cancelled}/cancel", new JsonObject())).Status);
        Assert.Equal("cancelled", (await Api.PollRunAsync(cancelled))["status"]!.GetValue<string>());
        await ApproveAsync(last, waitForIt: true);

        Assert.Equal("succeeded", (await Api.PollRunAsync(last))["status"]!.GetValue<string>());
        await AssertEmptyAsync(workflow);
    }

    [Fact]
    public async Task Batch_OfACappedWorkflow_RunsNoMoreItemsAtOnceThanTheCap()
    {
        var workflow = await CreateCappedAsync(Graphs.Probe(delayMs: 20, holdUntilConcurrent: 3), cap: 3);
        var items = new JsonArray([.. Enumerable.Range(0, 24).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);

        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 10 });
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var (batch, _) = await Api.PollBatchAsync(created.Text("id"), TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(100));

        Assert.Equal(24, batch["counts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(24, fixture.Probe.Started(workflow));
        Assert.Equal(3, fixture.Probe.MaxConcurrent(workflow));
        await AssertEmptyAsync(workflow);
    }

    [Fact]
    public async Task Workflow_MaxConcurrentRuns_IsSetShownChangedAndCleared()
    {
        var created = await Api.PostAsync("v1/workflows", new JsonObject { ["title"] = "capped", ["data"] = Graphs.Greeting(), ["max_concurrent_runs"] = 4 });
        var id = created.Text("id");

        var changed = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["max_concurrent_runs"] = 0 });
        var cleared = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["max_concurrent_runs"] = null });
        var refused = await Api.PatchAsync($"v1/workflows/{id}", new JsonObject { ["max_concurrent_runs"] = 1001 });

        Assert.Equal(4, created.Body!["max_concurrent_runs"]!.GetValue<int>());
        Assert.Equal(0, changed.Body!["max_concurrent_runs"]!.GetValue<int>());
        Assert.Null(cleared.Body!["max_concurrent_runs"]);
        refused.AssertProblem(HttpStatusCode.BadRequest, "max_concurrent_runs");
        Assert.Equal(0, (await Slots.ReadAsync(Account, id, default)).Limit);
    }

    private Task<string> CreateCappedAsync(JsonNode graph, int cap) => CreateCappedAsync(Api, graph, cap);

    private Task<List<(string RunId, int Position)>> WaitUntilQueuedAsync(IReadOnlyList<string> runs, int expected) =>
        WaitUntilQueuedAsync(Api, runs, expected);

    private Task ApproveAsync(string runId, bool waitForIt = false) => ApproveAsync(Api, runId, waitForIt);

    private Task AssertEmptyAsync(string workflow) => AssertEmptyAsync(Slots, workflow);

    internal static async Task<string> CreateCappedAsync(ApiClient api, JsonNode graph, int cap)
    {
        var created = await api.PostAsync("v1/workflows", new JsonObject { ["title"] = "capped", ["data"] = graph.DeepClone(), ["max_concurrent_runs"] = cap });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Text("id");
    }

    /// <summary>Reads the runs until <paramref name="expected"/> of them are queued with a position; returns those in line order.</summary>
    internal static async Task<List<(string RunId, int Position)>> WaitUntilQueuedAsync(ApiClient api, IReadOnlyList<string> runs, int expected)
    {
        var until = DateTime.UtcNow + ApiClient.RunDeadline;
        while (true)
        {
            var views = await Task.WhenAll(runs.Select(async r => (r, (await api.GetAsync($"v1/runs/{r}")).Body!)));
            var queued = views.Where(v => v.Item2["status"]!.GetValue<string>() == "queued" && v.Item2["queue_position"] is not null)
                .Select(v => (RunId: v.r, Position: v.Item2["queue_position"]!.GetValue<int>()))
                .OrderBy(q => q.Position)
                .ToList();
            if (queued.Count == expected)
            {
                return queued;
            }

            Assert.True(DateTime.UtcNow < until, $"{queued.Count} of {runs.Count} runs are queued, not {expected}.");
            await Task.Delay(100);
        }
    }

    internal static async Task ApproveAsync(ApiClient api, string runId, bool waitForIt = false)
    {
        if (waitForIt)
        {
            await api.PollUntilWaitingAsync(runId, "a");
        }

        var approved = await api.PostAsync($"v1/runs/{runId}/approvals/a", new JsonObject { ["approved"] = true });
        Assert.Equal(HttpStatusCode.Accepted, approved.Status);
    }

    internal static async Task AssertEmptyAsync(RunSlots slots, string workflow)
    {
        var line = await slots.ReadAsync(Account, workflow, default);
        Assert.Equal((0, 0, 0, 0), (line.Holding, line.Waiting, line.Holders.Count, line.Waiters.Count));
    }
}
