using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>The LocalHost on DTFx Azure Storage (Azurite): runs, sub-runs (which need the sidecar fixes), and long timers kept out of the control
/// queue.</summary>
public sealed class AzuriteModeTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _client = new();
    private readonly string _hub = "t" + DateTime.UtcNow.ToString("MMddHHmmssfff", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];
    private LocalHost _host = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        var hub = _hub;
        _host = await LocalHostBuilder.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            [typeof(WorkflowFunctions.ServiceCollectionExtensions).Assembly],
            settings: new Dictionary<string, string?>
            {
                ["Auth:BootstrapKey"] = LocalHostFixture.ApiKey,
                ["AzureWebJobsStorage"] = Azurite.ConnectionString,
                ["DURABLE_TASK_HUB_NAME"] = hub,
                // A run continues as new after every two I/O nodes, so a short run crosses generations on Azure Storage.
                ["Orchestration:CheckpointEveryNodes"] = "2",
            });
        _client.BaseAddress = _host.BaseAddress;
        _client.DefaultRequestHeaders.Add("x-api-key", LocalHostFixture.ApiKey);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Start_OnAzurite_UsesAzureStorageAndCompletes()
    {
        var definition = JsonNode.Parse("""
            {"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{}},{"id":"o","type":"output-node","data":{"output":"got {{ input.x }}"}}],
             "edges":[{"source":"t","target":"o"}]}
            """);

        var start = await _client.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = definition, ["input"] = new JsonObject { ["x"] = 42 } });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var run = await PollAsync(id);

        Assert.Equal("azure-storage", _host.Backend.Mode);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("got 42", run["result"]!["outputs"]!["o"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task LongRun_OnAzurite_ContinuesAsNewFromCheckpoints_EndsWithEveryResultAndTheSameEvents()
    {
        // Arrange: five sub-workflow nodes in a chain, each passing on what the one before it returned.
        SaveChild("echo", "<{{ input.topic }}>");
        var nodes = new JsonArray(new JsonObject { ["id"] = "t", ["type"] = "trigger-node", ["data"] = new JsonObject() });
        var edges = new JsonArray();
        for (var i = 1; i <= 5; i++)
        {
            var topic = i == 1 ? "{{ input.subject }}" : $"{{{{ w{i - 1}.result.content }}}}";
            nodes.Add(new JsonObject
            {
                ["id"] = $"w{i}",
                ["type"] = "workflow-node",
                ["data"] = new JsonObject { ["workflow_id"] = "echo", ["input"] = new JsonObject { ["topic"] = topic } },
            });
            edges.Add(new JsonObject { ["source"] = i == 1 ? "t" : $"w{i - 1}", ["target"] = $"w{i}" });
        }

        nodes.Add(new JsonObject { ["id"] = "o", ["type"] = "output-node", ["data"] = new JsonObject { ["output"] = "{{ w5.result.content }}" } });
        edges.Add(new JsonObject { ["source"] = "w5", ["target"] = "o" });
        var definition = new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges };

        // Act: follow the run's event stream from its start to its end, then read the whole stream again.
        var start = await _client.PostAsJsonAsync(
            "api/v1/runs",
            new JsonObject { ["definition"] = definition, ["input"] = new JsonObject { ["subject"] = "s" } });
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        await using var live = await Api.EventStreamClient.OpenAsync(_host.BaseAddress, $"v1/runs/{id}/events", LocalHostFixture.ApiKey);
        var followed = await live.ReadToEndAsync(TimeSpan.FromSeconds(90));
        var run = await PollAsync(id);
        await using var replay = await Api.EventStreamClient.OpenAsync(_host.BaseAddress, $"v1/runs/{id}/events", LocalHostFixture.ApiKey);
        var whole = await replay.ReadToEndAsync(TimeSpan.FromSeconds(30));

        // Assert: two checkpoints (after w2 and w4), and a run that ended as one generation would.
        var client = _host.Services.GetRequiredService<DurableTaskClient>();
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Contains("\"generation\":2", instance!.SerializedInput, StringComparison.Ordinal);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("<<<<<s>>>>>", run["result"]!["outputs"]!["o"]!["content"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, whole.Count), whole.Select(e => e.Seq));
        Assert.Equal(whole.Select(e => (e.Id, e.Event, e.Data)), followed.Select(e => (e.Id, e.Event, e.Data)));
        Assert.Equal(5, whole.Count(e => e.Event == "node.succeeded" && e.NodeId!.StartsWith('w')));
    }

    [Fact]
    public async Task SubWorkflow_OnAzurite_ParentReplaysAndCompletes()
    {
        // The child is a saved workflow; the parent's workflow-node runs it as a sub-orchestration, which
        // DTFx Azure Storage can only persist thanks to OrchestrationServiceProxy's rewrites.
        SaveChild("child", "child saw {{ input.topic }}");
        var parent = JsonNode.Parse("""
            {"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{}},
              {"id":"w","type":"workflow-node","data":{"workflow_id":"child","input":{"topic":"{{ input.subject }}"}}},
              {"id":"o","type":"output-node","data":{"output":"parent got: {{ w.result.content }}"}}],
             "edges":[{"source":"t","target":"w"},{"source":"w","target":"o"}]}
            """);

        var start = await _client.PostAsJsonAsync(
            "api/v1/runs",
            new JsonObject { ["definition"] = parent, ["input"] = new JsonObject { ["subject"] = "storage" } });
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var run = await PollAsync(id);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("parent got: child saw storage", run["result"]!["outputs"]!["o"]!["content"]!.GetValue<string>());
        var child = await _host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync($"{id}:w");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
    }

    [Fact]
    public async Task Run_OnAzurite_KeepsItsRunTimerOutOfTheControlQueueAndDropsItWhenTheRunEnds()
    {
        var definition = JsonNode.Parse("""
            {"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{}},{"id":"a","type":"approval-node","data":{}},
              {"id":"o","type":"output-node","data":{"output":"ok"}}],
             "edges":[{"source":"t","target":"a"},{"source":"a","target":"o"}]}
            """);
        var controlQueue = new QueueClient(Azurite.ConnectionString, $"{_hub.ToLowerInvariant()}-control-00");

        var start = await _client.PostAsJsonAsync("api/v1/runs", new JsonObject { ["definition"] = definition });
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        await PollAsync(id, run => run["progress"]?["nodes"]?["a"]?.GetValue<string>() == "waiting");

        // Waiting for the decision, the run's 15-minute timeout is in the timer table, not an invisible queue message.
        Assert.Equal(1, _host.Backend.Timers!.Count);
        await WaitForEmptyAsync(controlQueue);
        var approved = await _client.PostAsJsonAsync($"api/v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var run = await PollAsync(id);

        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(0, _host.Backend.Timers.Count);
        await WaitForEmptyAsync(controlQueue);
    }

    private static async Task WaitForEmptyAsync(QueueClient queue)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await queue.GetPropertiesAsync(limit.Token)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(100, limit.Token);
        }
    }

    /// <summary>Saves a child workflow (trigger, then an output node rendering <paramref name="output"/>) for workflow nodes.</summary>
    private void SaveChild(string workflowId, string output)
    {
        var definition = new JsonObject
        {
            ["start_node"] = "ct",
            ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "ct", ["type"] = "trigger-node", ["data"] = new JsonObject() },
                new JsonObject { ["id"] = "co", ["type"] = "output-node", ["data"] = new JsonObject { ["output"] = output } }),
            ["edges"] = new JsonArray(new JsonObject { ["source"] = "ct", ["target"] = "co" }),
        };
        _host.Services.GetRequiredService<InMemoryWorkflowDefinitionSource>().Add("default", workflowId, 1, JsonSerializer.SerializeToElement(definition));
    }

    private Task<JsonNode> PollAsync(string id) => PollAsync(id, run => run["status"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled");

    private async Task<JsonNode> PollAsync(string id, Func<JsonNode, bool> done)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var run = (await _client.GetFromJsonAsync<JsonNode>($"api/v1/runs/{id}", limit.Token))!;
            if (done(run))
            {
                return run;
            }

            await Task.Delay(100, limit.Token);
        }
    }
}
