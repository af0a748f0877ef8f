using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Run ids and sub-runs over HTTP: runs get hyphenated UUIDs; a <c>workflow-node</c> written in reference 003's
/// format (<c>"version": "0.1"</c> on every node) runs its child; the child's id works on every run endpoint under the
/// parent's account (and nowhere else), and the parent's children are listed from the run history.
/// </summary>
[Collection(ApiGroup.Name)]
public class SubRunTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Start_AnyRun_HasAHyphenatedUuidId()
    {
        var workflow = await Api.CreateWorkflowAsync(Graphs.RawEcho());

        var id = await Api.StartRunAsync(workflow, new JsonObject());

        Assert.True(Guid.TryParseExact(id, "D", out _), id);
    }

    [Fact]
    public async Task WorkflowNode_Reference003VersionString_RunsTheLatestChildAndItsIdWorksOnEveryRunEndpoint()
    {
        var (parent, child) = await RunParentAsync(new JsonObject { ["version"] = "0.1" });
        var other = await fixture.NewKeyAsync("acct-subrun-other", "admin");

        var read = await Api.GetAsync($"v1/runs/{child}");
        var result = await Api.GetAsync($"v1/runs/{child}/result?timeout=0");
        var cancel = await Api.PostAsync($"v1/runs/{child}/cancel", null);
        var approve = await Api.PostAsync($"v1/runs/{child}/approvals/o", new JsonObject { ["decision"] = "approve" });
        var children = await Api.GetAsync($"v1/runs?parent_run_id={Uri.EscapeDataString(parent)}");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("succeeded", read.Text("status"));
        Assert.Equal(parent, read.Text("parent_run_id"));
        Assert.Equal("Hi Ada", read.Body!["result"]!["output"]!.GetValue<string>());
        Assert.True(result.Body!["done"]!.GetValue<bool>());
        cancel.AssertProblem(HttpStatusCode.Conflict, "already finished");
        approve.AssertProblem(HttpStatusCode.Conflict, "already finished");
        Assert.Equal(child, Assert.Single(children.Items)!["id"]!.GetValue<string>());
        foreach (var path in new[] { $"v1/runs/{child}", $"v1/runs/{child}/result?timeout=0" })
        {
            (await other.GetAsync(path)).AssertProblem(HttpStatusCode.NotFound, child);
        }

        (await other.PostAsync($"v1/runs/{child}/cancel", null)).AssertProblem(HttpStatusCode.NotFound, child);
        Assert.Empty((await other.GetAsync($"v1/runs?parent_run_id={Uri.EscapeDataString(parent)}")).Items);
    }

    [Fact]
    public async Task WorkflowNode_WorkflowVersion_PinsTheChildVersion()
    {
        var (_, child) = await RunParentAsync(new JsonObject { ["version"] = "0.1", ["workflow_version"] = 1 }, patchChild: true);

        var read = await Api.GetAsync($"v1/runs/{child}");

        Assert.Equal(1, read.Body!["version"]!.GetValue<int>());
        Assert.Equal("Hi Ada", read.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_SubRuns_AreNotListedAmongTheAccountsRuns()
    {
        var (parent, child) = await RunParentAsync(new JsonObject { ["version"] = "0.1" });

        var history = await Api.GetAsync("v1/runs?limit=100");

        Assert.Contains(history.Items, r => r!["id"]!.GetValue<string>() == parent);
        Assert.DoesNotContain(history.Items, r => r!["id"]!.GetValue<string>() == child);
    }

    // Saves a child (Hi {name}) and a parent whose workflow-node calls it, runs the parent to its end.
    private async Task<(string Parent, string Child)> RunParentAsync(JsonObject versionFields, bool patchChild = false)
    {
        var childId = await Api.CreateWorkflowAsync(JsonNode.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"version":"0.1","input_fields":[{"id":"name","title":"Name","type":"text","input_requirements":true}]}},
              {"id":"o","type":"output-node","data":{"version":"0.1","output":"Hi {{ input.name }}"}}
            ],"edges":[{"source":"t","target":"o"}]}
            """)!, "child");
        if (patchChild)
        {
            var changed = await Api.PatchAsync($"v1/workflows/{childId}", new JsonObject { ["data"] = JsonNode.Parse("""
                {"start_node":"t","nodes":[
                  {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"name","type":"text"}]}},
                  {"id":"o","type":"output-node","data":{"output":"Bye {{ input.name }}"}}
                ],"edges":[{"source":"t","target":"o"}]}
                """) });
            Assert.Equal(2, changed.Body!["latest_version"]!.GetValue<int>());
        }

        var node = new JsonObject { ["workflow_id"] = childId, ["input"] = new JsonObject { ["name"] = "{{ input.who }}" } };
        foreach (var (name, value) in versionFields)
        {
            node[name] = value?.DeepClone();
        }

        var parentWorkflow = await Api.CreateWorkflowAsync(new JsonObject
        {
            ["start_node"] = "t",
            ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "t", ["type"] = "trigger-node", ["data"] = new JsonObject { ["version"] = "0.1" } },
                new JsonObject { ["id"] = "w", ["type"] = "workflow-node", ["data"] = node },
                new JsonObject { ["id"] = "o", ["type"] = "output-node", ["data"] = new JsonObject { ["output"] = "{{ w.result.content }}" } }),
            ["edges"] = new JsonArray(new JsonObject { ["source"] = "t", ["target"] = "w" }, new JsonObject { ["source"] = "w", ["target"] = "o" }),
        }, "parent");
        var run = await Api.StartRunAsync(parentWorkflow, new JsonObject { ["who"] = "Ada" });
        var finished = await Api.PollRunAsync(run);
        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        return (run, finished["result"]!["child_runs"]!["w"]!.GetValue<string>());
    }
}
