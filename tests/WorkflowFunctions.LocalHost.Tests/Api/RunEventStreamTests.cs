using System.Net;
using System.Text.Json.Nodes;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// <c>GET /api/v1/runs/{id}/events</c> over real HTTP, on the LocalHost in memory and on Azurite: every event once, in
/// order, numbered without gaps; replay after a client's last event id, then live; heartbeats while idle; the stream
/// closing after the terminal event; 404 before any stream byte.
/// </summary>
public abstract class RunEventStreamTests(EventHostFixture host)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    private ApiClient Api => host.Api;

    [Fact]
    public async Task Events_RunWithRetryBranchApprovalSubRunAndFailure_StreamsEachEventOnceInOrderThenCloses()
    {
        // Arrange
        var child = await Api.CreateWorkflowAsync(RunEventGraphs.Child(), "child");
        var workflow = await Api.CreateWorkflowAsync(RunEventGraphs.Everything(child), "everything");
        var runId = await Api.StartRunAsync(workflow, null);

        // Act: watch it live, approving when it waits.
        await using var live = await host.OpenAsync($"v1/runs/{runId}/events");
        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (live.Status, live.MediaType));
        await live.ReadUntilAsync(m => m.Event == "node.waiting", Within);
        Assert.Equal(HttpStatusCode.Accepted, (await Api.PostAsync($"v1/runs/{runId}/approvals/gate", new JsonObject { ["decision"] = "approve" })).Status);
        var events = await live.ReadToEndAsync(Within);

        // Assert: the stream ended by itself, after exactly one terminal event.
        Assert.True(live.Ended);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Equal((e.Seq, e.Event), (e.Json["seq"]!.GetValue<int>(), e.Json["type"]!.GetValue<string>())));
        Assert.Equal(
            RunEventGraphs.EverythingEvents,
            events.Select(e => e.NodeId is { } node ? $"{e.Event}:{node}" : e.Event));
        var retry = events.Single(e => e.Event == "node.retrying").Json;
        Assert.Equal(
            (1, "probe failure 1", "http-node"),
            (retry["attempt"]!.GetValue<int>(), retry["error"]!.GetValue<string>(), retry["node_type"]!.GetValue<string>()));
        Assert.True(retry["next_attempt_at"]!.GetValue<DateTimeOffset>() > retry["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal($"{runId}:w", events.Single(e => e is { Event: "node.succeeded", NodeId: "w" }).Json["child_run_id"]!.GetValue<string>());
        Assert.Equal("boom", events.Single(e => e.Event == "node.failed").Json["error"]!.GetValue<string>());
        var end = events[^1].Json;
        Assert.Equal(("failed", "bad"), (end["status"]!.GetValue<string>(), end["error_node_id"]!.GetValue<string>()));
        Assert.NotNull(end["metrics"]);

        // Every reader gets the same events: a replay after the end is the live stream, byte for byte.
        await using var replay = await host.OpenAsync($"v1/runs/{runId}/events");
        var replayed = await replay.ReadToEndAsync(Within);
        Assert.Equal(events.Select(e => (e.Id, e.Event, e.Data)), replayed.Select(e => (e.Id, e.Event, e.Data)));
    }

    [Fact]
    public async Task Events_ResumeMidRunWithLastEventId_GivesOnlyTheRestThenLive()
    {
        // Arrange: a run waiting for its approval, watched from its start.
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval(), "approval");
        var runId = await Api.StartRunAsync(workflow, null);
        await using var first = await host.OpenAsync($"v1/runs/{runId}/events");
        var waiting = await first.ReadUntilAsync(m => m.Event == "node.waiting", Within);

        // Act: a client that had seen up to event 3 comes back.
        await using var resumed = await host.OpenAsync($"v1/runs/{runId}/events", lastEventId: "3");
        var resumedWaiting = await resumed.ReadUntilAsync(m => m.Event == "node.waiting", Within);
        await Api.PostAsync($"v1/runs/{runId}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var rest = await resumed.ReadToEndAsync(Within);
        var all = await first.ReadToEndAsync(Within);

        // Assert
        Assert.Equal(4, rest[0].Seq);
        Assert.Equal(waiting.Seq, resumedWaiting.Seq);
        Assert.Equal(all.Where(e => e.Seq > 3).Select(e => (e.Id, e.Event, e.Data)), rest.Select(e => (e.Id, e.Event, e.Data)));
        Assert.Equal("run.succeeded", rest[^1].Event);
        Assert.Equal(["run.output", "run.succeeded"], rest.TakeLast(2).Select(e => e.Event));
    }

    [Fact]
    public async Task Events_AfterTheEnd_ReplaysTheRestThenCloses_AndAfterTheLastIs204()
    {
        // Arrange
        var workflow = await Api.CreateWorkflowAsync(RunEventGraphs.Echo(), "echo");
        var runId = await Api.StartRunAsync(workflow, new JsonObject { ["x"] = 1 });
        await Api.PollRunAsync(runId);
        await using var full = await host.OpenAsync($"v1/runs/{runId}/events");
        var all = await full.ReadToEndAsync(Within);

        // Act
        await using var fromQuery = await host.OpenAsync($"v1/runs/{runId}/events?after=4");
        var rest = await fromQuery.ReadToEndAsync(Within);
        await using var afterLast = await host.OpenAsync($"v1/runs/{runId}/events", lastEventId: all[^1].Id);

        // Assert
        Assert.Equal(all.Skip(4).Select(e => (e.Id, e.Event, e.Data)), rest.Select(e => (e.Id, e.Event, e.Data)));
        Assert.True(fromQuery.Ended);
        Assert.Equal("run.succeeded", all[^1].Event);
        Assert.Equal(HttpStatusCode.NoContent, afterLast.Status);
    }

    [Fact]
    public async Task Events_IdleRun_HeartbeatCommentsKeepTheStreamOpen()
    {
        // Arrange: nothing happens while the approval waits; the host writes a heartbeat every second.
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval(), "idle");
        var runId = await Api.StartRunAsync(workflow, null);
        await using var stream = await host.OpenAsync($"v1/runs/{runId}/events");
        await stream.ReadUntilAsync(m => m.Event == "node.waiting", Within);

        // Act
        var next = await stream.NextAsync(TimeSpan.FromSeconds(5));
        var again = await stream.NextAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(("heartbeat", "heartbeat"), (next?.Comment, again?.Comment));
        await Api.PostAsync($"v1/runs/{runId}/cancel", new JsonObject());
        var rest = await stream.ReadToEndAsync(Within);
        Assert.Equal("run.cancelled", rest[^1].Event);
        Assert.Contains(rest, e => e is { Event: "node.cancelled", NodeId: "a" });
    }

    [Fact]
    public async Task Events_UnknownRunOrAnotherAccountsRun_Answers404BeforeAnyStreamByte()
    {
        // Arrange
        var workflow = await Api.CreateWorkflowAsync(RunEventGraphs.Echo(), "mine");
        var runId = await Api.StartRunAsync(workflow, new JsonObject());
        var stranger = await host.NewKeyAsync("another-account", "read");

        // Act
        await using var unknown = await host.OpenAsync($"v1/runs/{Guid.NewGuid()}/events");
        await using var others = await host.OpenAsync($"v1/runs/{runId}/events", key: stranger.Key!);
        await using var badId = await host.OpenAsync($"v1/runs/{runId}/events", lastEventId: "x");

        // Assert
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.Status, unknown.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (others.Status, others.MediaType));
        Assert.Contains("not found", JsonNode.Parse(others.Body)!["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, badId.Status);
    }

    [Fact]
    public async Task Events_LargeNodeResult_SentAsAReferenceTheClientCanFetch()
    {
        // Arrange: a 40 KB result, over the 16 KB inline limit.
        var workflow = await Api.CreateWorkflowAsync(RunEventGraphs.Echo(sizeKb: 40), "large");
        var runId = await Api.StartRunAsync(workflow, new JsonObject());

        // Act
        await using var stream = await host.OpenAsync($"v1/runs/{runId}/events");
        var events = await stream.ReadToEndAsync(Within);
        var succeeded = events.Single(e => e is { Event: "node.succeeded", NodeId: "h" }).Json;
        var fetched = await Api.GetAsync(
            succeeded["result_url"]!.GetValue<string>().Replace("/api/", string.Empty, StringComparison.Ordinal) + "?timeout=30000");

        // Assert
        Assert.Null(succeeded["result"]);
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.True(fetched.Body!["available"]!.GetValue<bool>());
        Assert.Equal(40 * 1024, fetched.Body["result"]!["content"]!.GetValue<string>().Length);
        Assert.NotNull(events.Single(e => e is { Event: "node.succeeded", NodeId: "t" }).Json["result"]);
    }

    [Fact]
    public async Task Events_ManyStreamsOfOneRun_ShareOneReader()
    {
        // Arrange
        var workflow = await Api.CreateWorkflowAsync(Graphs.Approval(), "watched");
        var runId = await Api.StartRunAsync(workflow, null);
        var watchers = (RunWatchers)host.Host.Services.GetService(typeof(RunWatchers))!;
        var before = watchers.Watched;

        // Act
        var streams = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.OpenAsync($"v1/runs/{runId}/events")));
        await Task.WhenAll(streams.Select(s => s.ReadUntilAsync(m => m.Event == "node.waiting", Within)));
        var during = watchers.Watched;
        await Api.PostAsync($"v1/runs/{runId}/approvals/a", new JsonObject { ["decision"] = "approve" });
        var ends = await Task.WhenAll(streams.Select(s => s.ReadToEndAsync(Within)));

        // Assert
        Assert.Equal(before + 1, during);
        Assert.All(ends, end => Assert.Equal("run.succeeded", end[^1].Event));
        Assert.Single(ends.Select(e => string.Join('|', e.Select(m => m.Data))).Distinct());
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }
}

public sealed class RunEventStreamInMemoryTests(InMemoryEventHost host) : RunEventStreamTests(host), IClassFixture<InMemoryEventHost>;

public sealed class RunEventStreamOnAzuriteTests(AzuriteEventHost host) : RunEventStreamTests(host), IClassFixture<AzuriteEventHost>;
