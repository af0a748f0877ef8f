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

        var response = await api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "z" }) }, key);

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "different request");
    }

    private Task<ApiClient> NewAccountAsync() => fixture.NewKeyAsync("idem" + Guid.NewGuid().ToString("N")[..10], "admin");
}
