using System.Collections.Concurrent;
using Azure.Data.Tables;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// The LocalHost's deferred timers on Azurite's table service, with a recording client in place of DTFx: long timers
/// wait in the table and reach the control queue shortly before they are due, with their own fire time; short ones
/// go at once; an ended orchestration's timers are dropped; a restart hands over what the table still holds.
/// Thresholds are shortened (defer beyond 1 s, hand over 0.5 s ahead) so the tests take seconds.
/// </summary>
public sealed class DeferredTimersTests : IAsyncLifetime
{
    private static readonly TimeSpan DeferBeyond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HandOverAhead = TimeSpan.FromMilliseconds(500);
    private readonly string _hub = "dt" + Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentQueue<TaskMessage> _sent = new();
    private readonly ConcurrentQueue<DateTime> _sentAt = new();
    private readonly Mock<IOrchestrationServiceClient> _client = new();
    private TableServiceClient _tables = null!;
    private readonly List<DeferredTimers> _started = [];

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        _tables = new TableServiceClient(Azurite.ConnectionString);
        _client.Setup(c => c.SendTaskOrchestrationMessageAsync(It.IsAny<TaskMessage>()))
            .Returns((TaskMessage m) =>
            {
                _sentAt.Enqueue(DateTime.UtcNow);
                _sent.Enqueue(m);
                return Task.CompletedTask;
            });
    }

    public async Task DisposeAsync()
    {
        foreach (var timers in _started)
        {
            await timers.DisposeAsync();
        }

        await _tables.DeleteTableAsync(_hub + "LocalTimers");
    }

    [Fact]
    public async Task DeferAsync_TimerDueLater_WaitsInTheTableThenGoesToTheQueueShortlyBeforeItIsDue()
    {
        // Margins of seconds on both sides of the hand-over (2.5 s ahead of a timer 5 s away): CI runs every test
        // project at once on two cores, where half a second ahead was once not enough.
        var timers = await StartAsync(deferBeyond: TimeSpan.FromSeconds(3), handOverAhead: TimeSpan.FromSeconds(2.5));
        var fireAt = DateTime.UtcNow.AddSeconds(5);

        var now = await timers.DeferAsync("run-1", [Timer("run-1", 7, fireAt)], orchestrationEnded: false);

        Assert.Empty(now);
        Assert.Equal(1, await RowsAsync());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(_sent);
        var sent = await WaitForSentAsync(1);
        Assert.Equal(
            ("run-1", "e1", 7, fireAt),
            (sent[0].OrchestrationInstance.InstanceId,
             sent[0].OrchestrationInstance.ExecutionId,
             ((TimerFiredEvent)sent[0].Event).TimerId,
             ((TimerFiredEvent)sent[0].Event).FireAt));
        // Read when it was handed over, not when this test saw it: a loaded machine may see it after it is due.
        Assert.True(_sentAt.Single() < fireAt, "handed over before it is due, so the queue's visibility delay fires it on time");
        await WaitForAsync(async () => await RowsAsync() == 0);
        Assert.Equal(0, timers.Count);
    }

    [Fact]
    public async Task DeferAsync_TimerDueSoon_GoesToTheQueueAtOnce()
    {
        var timers = await StartAsync();
        var soon = Timer("run-1", 1, DateTime.UtcNow.AddMilliseconds(200));
        var later = Timer("run-1", 2, DateTime.UtcNow.AddMinutes(10));

        var now = await timers.DeferAsync("run-1", [soon, later], orchestrationEnded: false);

        Assert.Equal([soon], now);
        Assert.Equal(1, timers.Count);
    }

    [Fact]
    public async Task DeferAsync_OrchestrationEnded_DropsItsTimersAndHandsNothingOver()
    {
        var timers = await StartAsync();
        await timers.DeferAsync(
            "run-1",
            [Timer("run-1", 1, DateTime.UtcNow.AddSeconds(2)), Timer("run-1", 2, DateTime.UtcNow.AddMinutes(5))],
            orchestrationEnded: false);
        await timers.DeferAsync("run-2", [Timer("run-2", 1, DateTime.UtcNow.AddMinutes(5))], orchestrationEnded: false);

        var now = await timers.DeferAsync("run-1", [Timer("run-1", 3, DateTime.UtcNow.AddMinutes(5))], orchestrationEnded: true);

        Assert.Empty(now);
        Assert.Equal(1, await RowsAsync());
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task DeferAsync_SameTimerAgain_KeepsOnlyTheNewerOne()
    {
        var timers = await StartAsync();
        await timers.DeferAsync("run-1", [Timer("run-1", 4, DateTime.UtcNow.AddSeconds(2))], orchestrationEnded: false);
        var retried = DateTime.UtcNow.AddSeconds(3);

        await timers.DeferAsync("run-1", [Timer("run-1", 4, retried)], orchestrationEnded: false);

        var sent = await WaitForSentAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_sent);
        Assert.Equal(retried, ((TimerFiredEvent)sent[0].Event).FireAt);
    }

    [Fact]
    public async Task StartAsync_AfterARestart_HandsOverWhatTheTableHolds()
    {
        var first = await StartAsync();
        var fireAt = DateTime.UtcNow.AddSeconds(2);
        await first.DeferAsync("run:1/a", [Timer("run:1/a", 9, fireAt)], orchestrationEnded: false);
        await first.DisposeAsync();
        _started.Remove(first);

        var second = await StartAsync();

        Assert.Equal(1, second.Count);
        var sent = await WaitForSentAsync(1);
        Assert.Equal(
            ("run:1/a", 9, fireAt),
            (sent[0].OrchestrationInstance.InstanceId, ((TimerFiredEvent)sent[0].Event).TimerId, ((TimerFiredEvent)sent[0].Event).FireAt));
    }

    private static TaskMessage Timer(string instanceId, int timerId, DateTime fireAt) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "e1" },
        Event = new TimerFiredEvent(-1, fireAt) { TimerId = timerId },
    };

    private async Task<DeferredTimers> StartAsync(TimeSpan? deferBeyond = null, TimeSpan? handOverAhead = null)
    {
        var timers = await DeferredTimers.StartAsync(
            _tables, _hub, _client.Object, NullLogger.Instance, deferBeyond ?? DeferBeyond, handOverAhead ?? HandOverAhead);
        _started.Add(timers);
        return timers;
    }

    private async Task<int> RowsAsync()
    {
        var count = 0;
        await foreach (var _ in _tables.GetTableClient(_hub + "LocalTimers").QueryAsync<TableEntity>())
        {
            count++;
        }

        return count;
    }

    private async Task<List<TaskMessage>> WaitForSentAsync(int count)
    {
        await WaitForAsync(() => Task.FromResult(_sent.Count >= count));
        return [.. _sent];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold within 20 s.");
            await Task.Delay(50);
        }
    }
}
