using System.Collections.Concurrent;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Tests.Tables;

/// <summary>Group commit: items that arrive while a write is in flight share the next write, and each caller gets its write's outcome.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly ConcurrentQueue<IReadOnlyList<int>> _writes = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
    private readonly SemaphoreSlim _issued = new(0);

    [Fact]
    public async Task AddAsync_Idle_WritesTheItemAtOnce()
    {
        var commit = new GroupCommit<int>(Write);

        var first = commit.AddAsync(1, default);

        Assert.Equal([[1]], _writes);
        await ReleaseAsync();
        await first;
    }

    [Fact]
    public async Task AddAsync_WhileAWriteIsInFlight_TheItemsArrivingShareTheNextWrite()
    {
        var commit = new GroupCommit<int>(Write);
        var first = commit.AddAsync(1, default);

        var waiting = Enumerable.Range(2, 9).Select(i => commit.AddAsync(i, default)).ToList();
        Assert.Single(_writes);
        await ReleaseAsync();
        await first;
        await ReleaseAsync();
        await Task.WhenAll(waiting);

        Assert.Equal([[1], [2, 3, 4, 5, 6, 7, 8, 9, 10]], _writes);
    }

    [Fact]
    public async Task AddAsync_WriteFails_FailsItsOwnCallersAndTheNextWriteGoesOn()
    {
        var commit = new GroupCommit<int>(Write);
        var first = commit.AddAsync(1, default);
        var second = commit.AddAsync(2, default);
        var third = commit.AddAsync(3, default);

        (await NextWriteAsync()).SetException(new InvalidOperationException("storage down"));
        await ReleaseAsync();

        Assert.Equal("storage down", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);
        await Task.WhenAll(second, third);
        Assert.Equal([[1], [2, 3]], _writes);
    }

    [Fact]
    public async Task AddAsync_CallerStopsWaiting_TheWriteStillCarriesItsItem()
    {
        var commit = new GroupCommit<int>(Write);
        var first = commit.AddAsync(1, default);
        using var stop = new CancellationTokenSource();
        var abandoned = commit.AddAsync(2, stop.Token);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await ReleaseAsync();
        await first;
        await ReleaseAsync();
        await commit.WhenWrittenAsync();

        Assert.Equal([[1], [2]], _writes);
    }

    [Fact]
    public async Task WhenWrittenAsync_WaitsForTheItemsInFlightAndWaitingButNotForLaterOnes()
    {
        var commit = new GroupCommit<int>(Write);
        _ = commit.AddAsync(1, default);
        _ = commit.AddAsync(2, default);

        var written = commit.WhenWrittenAsync();
        await ReleaseAsync();
        var next = await NextWriteAsync();
        Assert.False(written.IsCompleted);
        _ = commit.AddAsync(3, default);
        next.SetException(new InvalidOperationException("a failed write counts as done"));

        await written;
        await ReleaseAsync();
        Assert.Equal([[1], [2], [3]], _writes);
    }

    public void Dispose() => _issued.Dispose();

    private Task Write(IReadOnlyList<int> items)
    {
        _writes.Enqueue(items);
        var held = new TaskCompletionSource();
        _held.Enqueue(held);
        _issued.Release();
        return held.Task;
    }

    // The next write issued, once it has been (the writer issues it from the previous write's continuation).
    private async Task<TaskCompletionSource> NextWriteAsync()
    {
        Assert.True(await _issued.WaitAsync(TimeSpan.FromSeconds(30)), "No write was issued.");
        Assert.True(_held.TryDequeue(out var held));
        return held;
    }

    private async Task ReleaseAsync() => (await NextWriteAsync()).SetResult();
}
