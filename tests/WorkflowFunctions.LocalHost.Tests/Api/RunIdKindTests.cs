using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Every run endpoint asked about ids that name no run of the caller: a batch's own id, a batch segment's id, another
/// account's batch items and sub-runs, random UUIDs and garbage. Each is a 404 that looks like any other (never a 500,
/// and never telling another account that the thing exists).
/// </summary>
[Collection(ApiGroup.Name)]
public class RunIdKindTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task EveryRunEndpoint_IdsThatAreNotTheCallersRuns_Answer404()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());
        var batch = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject(), new JsonObject()) });
        var batchId = batch.Text("id");
        var item = batch.Body!["runs"]![0]!["run_id"]!.GetValue<string>();
        await Api.PollAsync($"v1/batches/{batchId}", b => b["status"]!.GetValue<string>() == "completed");
        var other = await fixture.NewKeyAsync("acct-id-kinds", "admin");

        var mine = new[]
        {
            batchId, batchId + "-s00000", Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("N"), "garbage", "b_x-00001", $"{Guid.NewGuid():D}:node",
        };
        var theirs = new[] { item, batchId, batchId + "-s00000" };
        foreach (var (client, id) in mine.Select(id => (Api, id)).Concat(theirs.Select(id => (other, id))))
        {
            await AssertNotFoundEverywhereAsync(client, id);
        }

        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"v1/runs/{item}")).Status);
    }

    private static async Task AssertNotFoundEverywhereAsync(ApiClient client, string id)
    {
        var escaped = Uri.EscapeDataString(id);
        var answers = new[]
        {
            await client.GetAsync($"v1/runs/{escaped}"),
            await client.GetAsync($"v1/runs/{escaped}/result?timeout=0"),
            await client.PostAsync($"v1/runs/{escaped}/cancel", null),
            await client.PostAsync($"v1/runs/{escaped}/approvals/n", new JsonObject { ["decision"] = "approve" }),
        };
        foreach (var answer in answers)
        {
            answer.AssertProblem(HttpStatusCode.NotFound, "was not found");
        }
    }
}
