namespace WorkflowFunctions.Storage.Tables;

/// <summary>
/// Group commit: callers hand their items to one writer, and the items that arrive while a write is in flight go
/// together in the next one. An idle writer starts at once, so a lone caller waits for no more than its own write,
/// while under load many callers share one write's requests. Each caller is given the outcome of the write that
/// carried its item; a caller that stops waiting (its token) does not stop the write. Writes run one at a time,
/// in the order their items arrived.
/// </summary>
internal sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> write)
{
    private readonly Lock _gate = new();
    private List<(T Item, TaskCompletionSource Done)> _waiting = [];
    private bool _writing;
    private Task _last = Task.CompletedTask;

    /// <summary>Writes the item with those around it; completes when its write has, or fails as it failed.</summary>
    public Task AddAsync(T item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Add((item, done));
            _last = done.Task;
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = WriteWhileWaitingAsync();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once every item added before the call has been written or has failed; never throws.</summary>
    public Task WhenWrittenAsync()
    {
        Task last;
        lock (_gate)
        {
            last = _last;
        }

        // Writes run in arrival order, so the last item's outcome comes after every earlier one's.
        return last.IsCompleted
            ? Task.CompletedTask
            : last.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done)> taken;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }

                (taken, _waiting) = (_waiting, []);
            }

            try
            {
                await write([.. taken.Select(t => t.Item)]).ConfigureAwait(false);
                taken.ForEach(t => t.Done.SetResult());
            }
            catch (Exception ex)
            {
                taken.ForEach(t => t.Done.SetException(ex));
            }
        }
    }
}
