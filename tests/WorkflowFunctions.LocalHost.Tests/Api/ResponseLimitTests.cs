using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// A response time limit (Azure's front end cuts responses at 230 s; here <c>Api:MaxResponseSeconds</c> is 3 and
/// streams last 2 s): a stream ends cleanly with a reconnect message naming the client's last event, and a
/// long-poll or a start's wait answers "not finished yet" at the limit instead of running into it.
/// </summary>
public sealed class ResponseLimitTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private LocalHost _host = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        (_host, _) = await ApiHost.StartAsync(
            rateLimitPerMinute: 100_000,
            inMemory: true,
            new Dictionary<string, string?> { ["Api:MaxResponseSeconds"] = "3", ["Api:StreamMaxSeconds"] = "2", ["Api:StreamHeartbeatSeconds"] = "1" });
        _http.BaseAddress = _host.BaseAddress;
        _api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Events_StreamReachesItsLimit_EndsWithReconnectAndTheNextStreamGoesOn()
    {
        // Arrange
        var workflow = await _api.CreateWorkflowAsync(Graphs.Approval(), "limit");
        var runId = await _api.StartRunAsync(workflow, null);

        // Act
        await using var first = await EventStreamClient.OpenAsync(_host.BaseAddress, $"v1/runs/{runId}/events", ApiHost.BootstrapKey);
        var seen = await first.ReadToEndAsync(Within);
        var reconnect = first.Messages.Last(m => m.Comment is null);
        await _api.PostAsync($"v1/runs/{runId}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var rest = new List<SseMessage>();
        var lastId = seen.Last(e => e.Id is not null).Id;
        while (rest.LastOrDefault(e => e.Id is not null)?.Event != "run.succeeded")
        {
            // However slow the machine, each stream ends within its 2 s and the client goes on from its last id.
            await using var next = await EventStreamClient.OpenAsync(_host.BaseAddress, $"v1/runs/{runId}/events", ApiHost.BootstrapKey, lastEventId: lastId);
            rest.AddRange((await next.ReadToEndAsync(Within)).Where(e => e.Id is not null));
            lastId = rest.LastOrDefault()?.Id ?? lastId;
        }

        // Assert: the reconnect message has no id (the client keeps its own) and says where to go on from.
        var last = seen.Last(e => e.Id is not null);
        Assert.Equal(("reconnect", null, 1000), (reconnect.Event, reconnect.Id, reconnect.Retry));
        Assert.Equal(last.Seq, reconnect.Json["after"]!.GetValue<int>());
        Assert.Equal($"/api/v1/runs/{runId}/events?after={last.Seq}", reconnect.Json["url"]!.GetValue<string>());
        Assert.Equal("node.waiting", last.Event);
        Assert.Equal(Enumerable.Range(last.Seq + 1, rest.Count), rest.Select(e => e.Seq));
    }

    [Fact]
    public async Task Result_LongPollBeyondTheLimit_AnswersNotFinishedAtTheLimit()
    {
        // Arrange
        var workflow = await _api.CreateWorkflowAsync(Graphs.Approval(), "long-poll");
        var runId = await _api.StartRunAsync(workflow, null);
        var clock = Stopwatch.StartNew();

        // Act
        var result = await _api.GetAsync($"v1/runs/{runId}/result?timeout=60000");

        // Assert
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.False(result.Body!["done"]!.GetValue<bool>());
        Assert.True(result.Body["timed_out"]!.GetValue<bool>());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Start_WaitBeyondTheLimit_AnswersAcceptedAtTheLimit()
    {
        // Arrange
        var workflow = await _api.CreateWorkflowAsync(Graphs.Approval(), "wait");
        var clock = Stopwatch.StartNew();

        // Act
        var started = await _api.PostAsync($"v1/workflows/{workflow}/runs?wait=60", new JsonObject());

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal("queued", started.Text("status"));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30));
    }
}
