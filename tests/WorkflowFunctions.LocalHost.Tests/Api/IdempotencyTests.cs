using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary><c>Idempotency-Key</c> on run and batch creation, each test in its own account so history counts are exact.</summary>
[Collection(ApiGroup.Name)]
public class IdempotencyTests(ApiFixture fixture)
{
    [Fact]
    public async Task StartRun_SameKeyAndBody_ReplaysTheResponseWithoutANewRun()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());

        var first = await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "Ida" }, key);
        var second = await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "Ida" }, key);
        var history = await api.ListAllAsync("v1/runs");

        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal(first.Body!.ToJsonString(), second.Body!.ToJsonString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Single(history);
    }

    [Fact]
    public async Task StartRun_SameKeyAfterARefusedRequest_StartsTheCorrectedRun()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());

        var refused = await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["color"] = "blue" }, key);
        var corrected = await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "Ida" }, key);
        var history = await api.ListAllAsync("v1/runs");

        refused.AssertProblem(HttpStatusCode.UnprocessableEntity, "problem(s)");
        Assert.Equal(HttpStatusCode.Accepted, corrected.Status);
        Assert.Equal([corrected.Text("id")], history.Select(r => r["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task StartRun_SameKeyWhileTheFirstIsStillWaiting_Returns409ThenReplays()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Approval());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());

        var first = api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject(), key);
        await api.PollAsync("v1/runs", page => page["items"]!.AsArray().Count == 1);
        var during = await api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject(), key);
        var answered = await first;
        var after = await api.PostAsync($"v1/workflows/{workflow}/runs?wait=10", new JsonObject(), key);
        await api.PostAsync($"v1/runs/{answered.Text("id")}/cancel", null);

        during.AssertProblem(HttpStatusCode.Conflict, "still being processed");
        Assert.Equal(HttpStatusCode.Accepted, answered.Status);
        Assert.Equal(HttpStatusCode.Accepted, after.Status);
        Assert.Equal(answered.Text("id"), after.Text("id"));
    }

    [Fact]
    public async Task StartAdHocRun_SameKeyAndBody_ReplaysWithoutANewRun()
    {
        var api = await NewAccountAsync();
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var body = new JsonObject { ["definition"] = Graphs.Greeting(), ["input"] = new JsonObject { ["name"] = "Adhoc" } };

        var first = await api.PostAsync("v1/runs", body, key);
        var second = await api.PostAsync("v1/runs", body, key);
        var changed = await api.PostAsync(
            "v1/runs",
            new JsonObject { ["definition"] = Graphs.Greeting(), ["input"] = new JsonObject { ["name"] = "Other" } },
            key);
        var history = await api.ListAllAsync("v1/runs");

        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal(first.Text("id"), second.Text("id"));
        changed.AssertProblem(HttpStatusCode.UnprocessableEntity, "different request");
        Assert.Single(history);
    }

    [Fact]
    public async Task StartRun_SameKeyDifferentBody_Returns422()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "Ida" }, key);

        var response = await api.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "Other" }, key);
        var history = await api.ListAllAsync("v1/runs");

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "different request");
        Assert.Single(history);
    }

    [Fact]
    public async Task CreateBatch_SameKeyAndBody_ReplaysTheResponseWithoutANewBatch()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var body = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) };

        var first = await api.PostAsync($"v1/workflows/{workflow}/batches", body, key);
        var second = await api.PostAsync($"v1/workflows/{workflow}/batches", body, key);
        await api.PollAsync($"v1/batches/{first.Text("id")}", b => b["status"]!.GetValue<string>() == "completed");
        var history = await api.ListAllAsync("v1/runs");

        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.Equal(first.Body!.ToJsonString(), second.Body!.ToJsonString());
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task CreateBatch_SameKeyDifferentBody_Returns422()
    {
        var api = await NewAccountAsync();
        var workflow = await api.CreateWorkflowAsync(Graphs.Greeting());
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        await api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }) }, key);

        var response = await api.PostAsync(
            $"v1/workflows/{workflow}/batches",
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "z" }) },
            key);

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "different request");
    }

    private Task<ApiClient> NewAccountAsync() => fixture.NewKeyAsync("idem" + Guid.NewGuid().ToString("N")[..10], "admin");
}
