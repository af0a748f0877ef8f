namespace WorkflowFunctions.Runs;

/// <summary>
/// When a shared feed reader (a run's or a batch's, for its event streams) reads next: every <c>interval</c>; after a
/// hint that a change is coming (<see cref="Hint"/>), at short growing steps for a few seconds, so a change that takes
/// t to commit is seen within about 1.3 t with a dozen reads at most. New events end the short steps after a few more
/// (<see cref="Settled"/>): the events a read shows may be older ones this reader had not seen, not the hinted change,
/// which a few more steps still catch. After failed reads, backing off up to 30 s.
/// </summary>
internal sealed class FeedPolling(TimeProvider time, TimeSpan interval)
{
    private static readonly TimeSpan[] FastSteps = [.. new[] { 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 250 }.Select(ms => TimeSpan.FromMilliseconds(ms))];
    private static readonly TimeSpan FastWindow = TimeSpan.FromSeconds(3);
    private readonly Lock _gate = new();
    private TaskCompletionSource _hinted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const int StepsAfterSettled = 3;
    private DateTimeOffset _fastSince = DateTimeOffset.MinValue;
    private int _fastStep;
    private int _fastLimit;

    /// <summary>A change is coming: read soon, and wake a wait under way.</summary>
    public void Hint()
    {
        TaskCompletionSource hinted;
        lock (_gate)
        {
            _fastSince = time.GetUtcNow();
            _fastStep = 0;
            _fastLimit = int.MaxValue;
            hinted = _hinted;
            _hinted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        hinted.TrySetResult();
    }

    /// <summary>New events showed: a few more short steps, then back to the regular interval.</summary>
    public void Settled()
    {
        lock (_gate)
        {
            _fastLimit = Math.Min(_fastLimit, _fastStep + StepsAfterSettled);
        }
    }

    /// <summary>Waits until the next read is due, a hint arrives, or <paramref name="wake"/> completes.</summary>
    public async Task WaitAsync(int failures, Task? wake, CancellationToken cancellationToken)
    {
        Task hinted;
        TimeSpan delay;
        lock (_gate)
        {
            hinted = _hinted.Task;
            delay = Next(failures);
        }

        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, sleep.Token);
        await (wake is null ? Task.WhenAny(timer, hinted) : Task.WhenAny(timer, hinted, wake)).ConfigureAwait(false);
        await sleep.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    // Under the lock.
    private TimeSpan Next(int failures)
    {
        if (failures > 0)
        {
            return TimeSpan.FromMilliseconds(Math.Min(30_000, interval.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 6))));
        }

        if (time.GetUtcNow() - _fastSince < FastWindow && _fastStep < _fastLimit)
        {
            var step = FastSteps[Math.Min(_fastStep++, FastSteps.Length - 1)];
            return step < interval ? step : interval;
        }

        return interval;
    }
}
