using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Large results on Azurite: a result too large to be the orchestration's output goes to the result store (in parts
/// when it is larger than one message may be) and every read answers the whole of it, while the orchestration commits
/// a small output; a result past the run's limit fails the run, and the history says exactly what the run view says.
/// </summary>
[Collection(ApiGroup.Name)]
public class LargeResultTests(ApiFixture fixture)
{
    private static readonly string Text = new('x', 500_000);

    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Run_ResultOverTheInlineLimit_IsReadWholeWhileTheOrchestrationOutputStaysSmall()
    {
        var workflow = await Api.CreateWorkflowAsync(Outputs(1));

        var started = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject { ["text"] = Text });
        var id = started.Text("id");
        var read = await Api.PollRunAsync(id);
        var result = await Api.GetAsync($"v1/runs/{id}/result?timeout=0");
        var failed = await Api.GetAsync($"v1/workflows/{workflow}/runs?status=failed");
        var succeeded = await Api.GetAsync($"v1/workflows/{workflow}/runs?status=succeeded");
        var orchestration = await fixture.Host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(Text, started.Body!["result"]!["output"]!.GetValue<string>());
        Assert.Equal(Text, read["result"]!["output"]!.GetValue<string>());
        Assert.Equal(Text, result.Body!["run"]!["result"]!["output"]!.GetValue<string>());
        Assert.Empty(failed.Items);
        Assert.Single(succeeded.Items);
        Assert.True(orchestration!.SerializedOutput!.Length < 64 * 1024, $"the orchestration's output is {orchestration.SerializedOutput!.Length} characters");
    }

    [Fact]
    public async Task Run_ResultOverOneMessage_IsStoredInPartsAndReadWhole()
    {
        // 240,001 chars holding surrogate pairs; the result's JSON escapes each pair (\uD83D\uDE00), so each copy of the
        // text takes 840 KB, and the trigger (the input twice) and three output nodes (result and output each) give a
        // result of about 6.7 MB, over the engine's 3.9 MB limit on one message and within the run's 12 MiB.
        var text = "x" + string.Concat(Enumerable.Repeat("ab\U0001F600", 60_000));
        var workflow = await Api.CreateWorkflowAsync(Outputs(3));

        var started = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject { ["text"] = text });
        var id = started.Text("id");
        var read = await Api.PollRunAsync(id);
        var history = await Api.GetAsync($"v1/workflows/{workflow}/runs");
        var orchestration = await fixture.Host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.True(read["status"]!.GetValue<string>() == "succeeded", $"the run ended {read["status"]}: {read["result"]?["error"]}");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(text, read["result"]!["nodes"]![$"o{i}"]!["result"]!["content"]!.GetValue<string>());
            Assert.Equal(text, read["result"]!["outputs"]![$"o{i}"]!["content"]!.GetValue<string>());
        }

        Assert.Equal("succeeded", Assert.Single(history.Items)!["status"]!.GetValue<string>());
        var output = JsonNode.Parse(orchestration!.SerializedOutput!)!;
        Assert.True(output["stored"]!["parts"]!.GetValue<int>() > 1, $"the result was stored as {output["stored"]}");
        Assert.True(orchestration.SerializedOutput!.Length < 64 * 1024, $"the orchestration's output is {orchestration.SerializedOutput!.Length} characters");
    }

    [Fact]
    public async Task Run_ResultOverTheRunsLimit_FailsAndTheHistoryAgrees()
    {
        // Thirteen output nodes each add 1 MB (their results and outputs): past the run's 12 MiB.
        var workflow = await Api.CreateWorkflowAsync(Outputs(13));

        var started = await Api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject { ["text"] = Text });
        var history = await Api.GetAsync($"v1/workflows/{workflow}/runs");

        Assert.Equal("failed", started.Text("status"));
        Assert.Contains("limit of one run's result", started.Body!["result"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", Assert.Single(history.Items)!["status"]!.GetValue<string>());
    }

    // A trigger with one text field and that many output nodes, each echoing it.
    private static JsonObject Outputs(int count)
    {
        var nodes = new JsonArray(new JsonObject
        {
            ["id"] = "t",
            ["type"] = "trigger-node",
            ["data"] = new JsonObject { ["input_fields"] = new JsonArray(new JsonObject { ["id"] = "text", ["type"] = "text" }) },
        });
        var edges = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            nodes.Add(new JsonObject { ["id"] = $"o{i}", ["type"] = "output-node", ["data"] = new JsonObject { ["output"] = "{{ input.text }}" } });
            edges.Add(new JsonObject { ["source"] = "t", ["target"] = $"o{i}" });
        }

        return new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges };
    }
}
