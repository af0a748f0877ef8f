using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// <c>GET /api/v1/batches/{id}/events</c> over real HTTP, in memory and on Azurite: one <c>item.finished</c> per item
/// with the counts after it, numbered without gaps, replayed the same for every reader, then the batch's end.
/// </summary>
public abstract class BatchEventStreamTests(EventHostFixture host)
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    private ApiClient Api => host.Api;

    /// <summary>Items and concurrency of the completing batch: several segments in memory, one on the slower emulator.</summary>
    protected abstract (int Items, int Concurrency) Size { get; }

    [Fact]
    public async Task Events_BatchRunsToTheEnd_EveryItemOnceWithCountsThenCompleted()
    {
        // Arrange
        var (total, concurrency) = Size;
        var workflow = await Api.CreateWorkflowAsync(Graphs.Probe(delayMs: 5), "batch-events");
        var items = new JsonArray([.. Enumerable.Range(0, total).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);
        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = concurrency });
        var batchId = created.Text("id");

        // Act
        await using var live = await host.OpenAsync($"v1/batches/{batchId}/events");
        var events = await live.ReadToEndAsync(Within);
        await using var replay = await host.OpenAsync($"v1/batches/{batchId}/events");
        var replayed = await replay.ReadToEndAsync(Within);
        await using var resumed = await host.OpenAsync($"v1/batches/{batchId}/events", lastEventId: "5");
        var rest = await resumed.ReadToEndAsync(Within);

        // Assert
        Assert.Equal(Enumerable.Range(1, total + 2), events.Select(e => e.Seq));
        Assert.Equal("batch.started", events[0].Event);
        Assert.Equal("batch.completed", events[^1].Event);
        var finished = events.Where(e => e.Event == "item.finished").Select(e => e.Json).ToList();
        Assert.Equal(Enumerable.Range(0, total), finished.Select(e => e["index"]!.GetValue<int>()).Order());
        Assert.All(finished, e => Assert.Equal($"{batchId}-{e["index"]!.GetValue<int>():D5}", e["run_id"]!.GetValue<string>()));
        Assert.All(finished, e => Assert.Equal("succeeded", e["status"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, total), finished.Select(e => e["counts"]!["finished"]!.GetValue<int>()));
        Assert.Equal(
            (total, total, total),
            (events[^1].Json["counts"]!["total"]!.GetValue<int>(),
             events[^1].Json["counts"]!["finished"]!.GetValue<int>(),
             events[^1].Json["counts"]!["succeeded"]!.GetValue<int>()));
        Assert.Equal(events.Select(e => (e.Id, e.Data)), replayed.Select(e => (e.Id, e.Data)));
        Assert.Equal(events.Skip(5).Select(e => (e.Id, e.Data)), rest.Select(e => (e.Id, e.Data)));
    }

    [Fact]
    public async Task Events_BatchCancelled_ItemsThatNeverRanEndCancelledThenBatchCancelled()
    {
        // Arrange: every item holds until released, so none can finish before the cancel.
        var gate = "batch-cancel-" + Guid.NewGuid().ToString("N");
        var graph = Graphs.Probe(delayMs: 0);
        graph["nodes"]![1]!["data"]!["test"]!["wait_for"] = gate;
        var workflow = await Api.CreateWorkflowAsync(graph, "batch-cancel");
        var items = new JsonArray([.. Enumerable.Range(0, 6).Select(i => (JsonNode)new JsonObject { ["n"] = i })]);
        var batchId = (await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items, ["concurrency"] = 2 })).Text("id");
        await using var live = await host.OpenAsync($"v1/batches/{batchId}/events");
        await live.ReadUntilAsync(m => m.Event == "batch.started", Within);
        await Api.PollAsync($"v1/batches/{batchId}", b => b["counts"]!["running"]!.GetValue<int>() > 0);

        // Act
        Assert.Equal(HttpStatusCode.Accepted, (await Api.PostAsync($"v1/batches/{batchId}/cancel", null)).Status);
        host.Probe.Release(gate);
        var events = await live.ReadToEndAsync(Within);

        // Assert
        Assert.Equal("batch.cancelled", events[^1].Event);
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Seq));
        var finished = events.Where(e => e.Event == "item.finished").Select(e => e.Json).ToList();
        Assert.Equal(Enumerable.Range(0, 6), finished.Select(e => e["index"]!.GetValue<int>()).Order());
        Assert.True(events[^1].Json["counts"]!["cancelled"]!.GetValue<int>() >= 4, events[^1].Data);
        Assert.Equal(6, events[^1].Json["counts"]!["finished"]!.GetValue<int>());
    }

    [Fact]
    public async Task Events_UnknownBatchOrAnotherAccountsBatch_Answers404()
    {
        // Arrange
        var workflow = await Api.CreateWorkflowAsync(Graphs.Probe(delayMs: 0), "batch-404");
        var batchId = (await Api.PostAsync(
            $"v1/workflows/{workflow}/batches",
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["n"] = 1 }) })).Text("id");
        var stranger = await host.NewKeyAsync("batch-stranger", "read");

        // Act
        await using var unknown = await host.OpenAsync("v1/batches/b_unknown/events");
        await using var others = await host.OpenAsync($"v1/batches/{batchId}/events", key: stranger.Key!);

        // Assert
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.Status, unknown.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (others.Status, others.MediaType));
    }
}

public sealed class BatchEventStreamInMemoryTests(InMemoryEventHost host) : BatchEventStreamTests(host), IClassFixture<InMemoryEventHost>
{
    protected override (int Items, int Concurrency) Size => (120, 2);
}

public sealed class BatchEventStreamOnAzuriteTests(AzuriteEventHost host) : BatchEventStreamTests(host), IClassFixture<AzuriteEventHost>
{
    protected override (int Items, int Concurrency) Size => (12, 5);
}
