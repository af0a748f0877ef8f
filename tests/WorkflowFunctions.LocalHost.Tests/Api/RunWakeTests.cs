using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// The long-poll and <c>?wait=</c> are woken by the run's completion, not by re-reading on a timer: on this host
/// the re-read interval (<c>Api:ResultPollIntervalMs</c>) is ten minutes, longer than any wait here, so only the
/// completion signal can end a wait before its timeout. A cancel terminates at once here
/// (<c>Api:CancelGraceSeconds</c> 0), so the cancel endpoint's terminate path is the one taken.
/// </summary>
public sealed class RunWakeTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(3) };
    private LocalHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        (_host, _) = await ApiHost.StartAsync(
            rateLimitPerMinute: 100_000,
            extra: new Dictionary<string, string?> { ["Api:ResultPollIntervalMs"] = "600000", ["Api:CancelGraceSeconds"] = "0" });
        _http.BaseAddress = _host.BaseAddress;
        _api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Result_RunEndsDuringTheLongPoll_AnswersDoneWithoutTimingOut()
    {
        var workflow = await _api.CreateWorkflowAsync(Graphs.Approval());
        var id = await _api.StartRunAsync(workflow, null);
        await _api.PollUntilWaitingAsync(id, "a");

        var poll = _api.GetAsync($"v1/runs/{id}/result?timeout=90000");
        var approved = await _api.PostAsync($"v1/runs/{id}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var result = await poll;

        Assert.Equal(HttpStatusCode.Accepted, approved.Status);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Body!["done"]!.GetValue<bool>(), result.Body.ToJsonString());
        Assert.False(result.Body["timed_out"]!.GetValue<bool>());
        Assert.Equal("succeeded", result.Text("status"));
        Assert.NotNull(result.Body["finished_at"]);
    }

    [Fact]
    public async Task Result_RunTerminatedByCancelDuringTheLongPoll_AnswersDoneCancelled()
    {
        var workflow = await _api.CreateWorkflowAsync(Graphs.Approval());
        var id = await _api.StartRunAsync(workflow, null);
        await _api.PollUntilWaitingAsync(id, "a");

        var poll = _api.GetAsync($"v1/runs/{id}/result?timeout=90000");
        var cancelled = await _api.PostAsync($"v1/runs/{id}/cancel", new JsonObject { ["reason"] = "stop now" });
        var sinceCancel = System.Diagnostics.Stopwatch.StartNew();
        var result = await poll;

        // A terminated orchestration records no end of its own: only the cancel endpoint can wake the wait, which
        // would otherwise re-read the run only at its 90 s deadline (the re-read interval here is ten minutes).
        Assert.True(sinceCancel.Elapsed < TimeSpan.FromSeconds(45), $"the long-poll answered {sinceCancel.Elapsed.TotalSeconds:0} s after the cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Body!["done"]!.GetValue<bool>(), result.Body.ToJsonString());
        Assert.False(result.Body["timed_out"]!.GetValue<bool>());
        Assert.Equal("cancelled", result.Text("status"));
        var history = await _api.ListAllAsync("v1/runs?status=cancelled");
        Assert.Contains(history, item => item["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Start_WithWait_RunEndingDuringTheWait_Answers200WithTheResult()
    {
        var workflow = await _api.CreateWorkflowAsync(Graphs.Probe(delayMs: 300));

        var finished = await _api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject { ["n"] = 1 });

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("succeeded", finished.Text("status"));
    }

    [Fact]
    public async Task Result_AnsweredWhenTheEndIsRecorded_ShowsTheRunAsItReadsOnceItsOrchestrationCompletes()
    {
        // The long-poll is waiting when the end is recorded, so it answers from the recorded end and its carried
        // result, a moment before the orchestration commits; the run it shows must be the one GET shows after.
        var workflow = await _api.CreateWorkflowAsync(Graphs.Probe(delayMs: 300));
        var id = await _api.StartRunAsync(workflow, new JsonObject { ["n"] = 7 });

        var result = await _api.GetAsync($"v1/runs/{id}/result?timeout=90000");
        var final = await _api.PollRunAsync(id);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Body!["done"]!.GetValue<bool>(), result.Body.ToJsonString());
        Assert.Equal("succeeded", result.Text("status"));
        Assert.True(
            JsonNode.DeepEquals(Unsigned(final), Unsigned(result.Body["run"]!)),
            $"long-poll: {result.Body["run"]!.ToJsonString()}\nGET:       {final.ToJsonString()}");
    }

    [Fact]
    public async Task Start_WithWait_AnsweredWhenTheEndIsRecorded_ShowsTheRunAsItReadsOnceItsOrchestrationCompletes()
    {
        var workflow = await _api.CreateWorkflowAsync(Graphs.Probe(delayMs: 300));

        var finished = await _api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject { ["n"] = 8 });
        var final = await _api.PollRunAsync(finished.Text("id"));

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.True(
            JsonNode.DeepEquals(Unsigned(final), Unsigned(finished.Body!)),
            $"?wait=: {finished.Body!.ToJsonString()}\nGET:    {final.ToJsonString()}");
    }

    /// <summary>
    /// The run with its result link's query removed: the link is signed when the run is read and expires a fixed
    /// time after that, so two reads a second apart differ only in its <c>expires</c> and <c>signature</c>.
    /// </summary>
    private static JsonNode Unsigned(JsonNode run)
    {
        var copy = run.DeepClone();
        if (copy["links"]?["result_file"] is JsonValue link)
        {
            copy["links"]!["result_file"] = new Uri(link.GetValue<string>()).GetLeftPart(UriPartial.Path);
        }

        return copy;
    }
}
