using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Batches;

/// <summary>The shared batch counts: how often the items are really counted, and that a final count is never stale.</summary>
public sealed class BatchCountsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _reads;
    private int _running = 5;

    private BatchCounts Counts(int maxAgeMs = 1000) => new(_clock, Options.Create(new ApiOptions { BatchCountsMaxAgeMs = maxAgeMs }));

    private Task<IReadOnlyDictionary<string, int>> Read(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int> { ["running"] = _running });
    }

    [Fact]
    public async Task RunningBatch_PolledWithinTheMaxAge_IsCountedOnce_ThenAgainAfterIt()
    {
        var counts = Counts();

        await counts.GetAsync("acc", "b1", completed: false, Read, default);
        _running = 3;
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        var shared = await counts.GetAsync("acc", "b1", completed: false, Read, default);
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var fresh = await counts.GetAsync("acc", "b1", completed: false, Read, default);

        Assert.Equal(5, shared["running"]);
        Assert.Equal(3, fresh["running"]);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task BatchThatJustCompleted_IsRecounted_EvenWithARecentSnapshot()
    {
        var counts = Counts();
        await counts.GetAsync("acc", "b1", completed: false, Read, default);
        _running = 0;

        var final = await counts.GetAsync("acc", "b1", completed: true, Read, default);
        _clock.Advance(TimeSpan.FromHours(1));
        var later = await counts.GetAsync("acc", "b1", completed: true, Read, default);

        Assert.Equal(0, final["running"]);
        Assert.Equal(0, later["running"]);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Forget_AfterACancel_RecountsAtOnce()
    {
        var counts = Counts();
        await counts.GetAsync("acc", "b1", completed: false, Read, default);
        _running = 1;

        counts.Forget("acc", "b1");
        var after = await counts.GetAsync("acc", "b1", completed: false, Read, default);

        Assert.Equal(1, after["running"]);
    }

    [Fact]
    public async Task Batches_AndAccounts_AreCountedApart()
    {
        var counts = Counts();

        await counts.GetAsync("acc", "b1", completed: false, Read, default);
        await counts.GetAsync("acc", "b2", completed: false, Read, default);
        await counts.GetAsync("other", "b1", completed: false, Read, default);

        Assert.Equal(3, _reads);
    }

    [Fact]
    public async Task ConcurrentRequests_ShareOneRead()
    {
        var counts = Counts();
        var gate = new TaskCompletionSource<IReadOnlyDictionary<string, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<IReadOnlyDictionary<string, int>> Slow(CancellationToken _)
        {
            Interlocked.Increment(ref _reads);
            return gate.Task;
        }

        var first = counts.GetAsync("acc", "b1", completed: false, Slow, default);
        var second = counts.GetAsync("acc", "b1", completed: false, Slow, default);
        gate.SetResult(new Dictionary<string, int> { ["running"] = 2 });

        Assert.Equal(2, (await first)["running"]);
        Assert.Equal(2, (await second)["running"]);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task ManyRequestsAtOnce_ReadOnce()
    {
        var counts = Counts();
        var gate = new TaskCompletionSource<IReadOnlyDictionary<string, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<IReadOnlyDictionary<string, int>> Slow(CancellationToken _)
        {
            Interlocked.Increment(ref _reads);
            return gate.Task;
        }

        var requests = Enumerable.Range(0, 32).Select(_ => Task.Run(() => counts.GetAsync("acc", "b1", completed: false, Slow, default))).ToList();
        await Task.Delay(50);
        gate.SetResult(new Dictionary<string, int> { ["running"] = 4 });

        Assert.All(await Task.WhenAll(requests), c => Assert.Equal(4, c["running"]));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task FailedRead_IsNotServedToTheNextRequest()
    {
        var counts = Counts();
        var fail = true;
        Task<IReadOnlyDictionary<string, int>> Flaky(CancellationToken token) =>
            fail ? Task.FromException<IReadOnlyDictionary<string, int>>(new InvalidOperationException("storage down")) : Read(token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => counts.GetAsync("acc", "b1", completed: false, Flaky, default));
        fail = false;
        var next = await counts.GetAsync("acc", "b1", completed: false, Flaky, default);

        Assert.Equal(5, next["running"]);
    }

    [Fact]
    public async Task MaxAgeZero_CountsEveryRequest()
    {
        var counts = Counts(maxAgeMs: 0);

        await counts.GetAsync("acc", "b1", completed: false, Read, default);
        await counts.GetAsync("acc", "b1", completed: false, Read, default);

        Assert.Equal(2, _reads);
    }
}
