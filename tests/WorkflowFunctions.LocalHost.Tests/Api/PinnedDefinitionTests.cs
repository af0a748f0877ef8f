using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>Runs pin the executable form of their version: the editor's layout never enters orchestration history.</summary>
[Collection(ApiGroup.Name)]
public class PinnedDefinitionTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task StartRun_SavedWithEditorLayout_PinsDefinitionWithoutLayout()
    {
        var graph = Graphs.Greeting();
        graph["viewport"] = new JsonObject { ["x"] = 10, ["y"] = 20, ["zoom"] = 1.5 };
        graph["nodes"]![0]!["position"] = new JsonObject { ["x"] = 1, ["y"] = 2 };
        graph["nodes"]![0]!["measured"] = new JsonObject { ["width"] = 300, ["height"] = 80 };
        graph["edges"]![0]!["style"] = new JsonObject { ["stroke"] = "#76A9FA" };
        var workflow = await Api.CreateWorkflowAsync(graph);

        var runId = await Api.StartRunAsync(workflow, new JsonObject { ["name"] = "Ada" });
        var run = await Api.PollRunAsync(runId);
        var instance = await fixture.Host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(runId, getInputsAndOutputs: true);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        // The stored output leaves null fields out.
        Assert.DoesNotContain("\"error\":null", instance!.SerializedOutput!, StringComparison.Ordinal);
        var pinned = JsonNode.Parse(instance.SerializedInput!)!["Definition"]!;
        Assert.Null(pinned["viewport"]);
        Assert.Null(pinned["nodes"]![0]!["position"]);
        Assert.Null(pinned["nodes"]![0]!["measured"]);
        Assert.Null(pinned["edges"]![0]!["style"]);
        Assert.True(JsonNode.DeepEquals(graph["nodes"]![0]!["data"], pinned["nodes"]![0]!["data"]));
        var saved = await Api.GetAsync($"v1/workflows/{workflow}");
        Assert.NotNull(saved.Body!["data"]!["viewport"]);
    }

    [Fact]
    public async Task WorkflowNode_SavedChildWithPinnedVersion_RunsThatVersionFromStorageWithoutLayout()
    {
        var child = await Api.CreateWorkflowAsync(Child("first {{ input.topic }}"));
        var changed = await Api.PatchAsync($"v1/workflows/{child}", new JsonObject { ["data"] = Child("second {{ input.topic }}") });
        Assert.Equal(2, changed.Body!["version"]!.GetValue<int>());
        var parent = await Api.CreateWorkflowAsync(JsonNode.Parse("""
            {"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{}},
              {"id":"w","type":"workflow-node","data":{"workflow_id":"CHILD","version":1,"input":{"topic":"storage"}}},
              {"id":"o","type":"output-node","data":{"output":"parent got: {{ w.result.content }}"}}],
             "edges":[{"source":"t","target":"w"},{"source":"w","target":"o"}]}
            """.Replace("CHILD", child, StringComparison.Ordinal))!);

        var runId = await Api.StartRunAsync(parent, new JsonObject());
        var run = await Api.PollRunAsync(runId);
        var sub = await fixture.Host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync($"{runId}:w", getInputsAndOutputs: true);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("parent got: first storage", run["result"]!["outputs"]!["o"]!["content"]!.GetValue<string>());
        var pinned = JsonNode.Parse(sub!.SerializedInput!)!;
        Assert.Equal(1, pinned["Version"]!.GetValue<int>());
        Assert.Null(pinned["Definition"]!["viewport"]);
        Assert.Null(pinned["Definition"]!["nodes"]![0]!["position"]);
    }

    private static JsonNode Child(string output) => JsonNode.Parse($$$"""
        {"start_node":"ct","viewport":{"x":1,"y":2,"zoom":1},"nodes":[
          {"id":"ct","type":"trigger-node","position":{"x":0,"y":0},"data":{"input_fields":[{"id":"topic","type":"text"}]}},
          {"id":"co","type":"output-node","position":{"x":0,"y":100},"data":{"output":"{{{output}}}"}}],
         "edges":[{"source":"ct","target":"co","id":"e1","style":{"stroke":"#000"}}]}
        """)!;
}
