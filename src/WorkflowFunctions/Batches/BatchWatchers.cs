using System.Runtime.CompilerServices;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Batches;

/// <summary>
/// Streams a batch's events (<see cref="BatchFeed"/>) after a client's last one, then live until the terminal event.
/// One reader per batch and instance serves all its streams, reading the batch row and the segment under way every
/// <see cref="ApiOptions.EventPollIntervalMs"/>, sooner when one of its items ends on this instance.
/// </summary>
public sealed class BatchWatchers(BatchReader reader, RunChangeSignals changes, IOptions<ApiOptions> options, TimeProvider time, ILogger<BatchWatchers> logger)
{
    private readonly Dictionary<(string Account, string Batch), Watch> _watches = [];
    private readonly Lock _gate = new();

    /// <summary>The batch's feed as it stands, or null when the account has no such batch.</summary>
    public async Task<BatchFeedSnapshot?> FindAsync(DurableTaskClient client, string accountId, string batchId, CancellationToken cancellationToken) =>
        (await reader.ReadFeedAsync(client, accountId, batchId, [], cancellationToken).ConfigureAwait(false))?.Snapshot;

    /// <summary>The events after <paramref name="after"/>: those <paramref name="first"/> shows, then each new one, ending with the terminal event.</summary>
    public async IAsyncEnumerable<BatchEvent> StreamAsync(
        DurableTaskClient client, BatchFeedSnapshot first, int after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        var events = BatchFeed.Events(first);
        foreach (var replayed in events.Where(e => e.Seq > after))
        {
            yield return replayed;
            after = replayed.Seq;
        }

        if (first.IsFinal)
        {
            yield break;
        }

        var watch = Join(client, first, events);
        try
        {
            while (true)
            {
                var state = watch.State;
                foreach (var live in state.Events.Where(e => e.Seq > after))
                {
                    yield return live;
                    after = live.Seq;
                    if (live.IsTerminal)
                    {
                        yield break;
                    }
                }

                if (state.Ended)
                {
                    yield break;
                }

                await state.Changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Leave(watch);
        }
    }

    private Watch Join(DurableTaskClient client, BatchFeedSnapshot first, IReadOnlyList<BatchEvent> events)
    {
        var key = (first.Batch.AccountId, first.Batch.Id);
        Watch? watch;
        var start = false;
        lock (_gate)
        {
            if (!_watches.TryGetValue(key, out watch))
            {
                var interval = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.EventPollIntervalMs));
                watch = new Watch(key.AccountId, key.Id, events, client, reader, changes, new FeedPolling(time, interval), logger);
                _watches[key] = watch;
                start = true;
            }

            watch.Streams++;
            watch.Client = client;
        }

        if (start)
        {
            watch.Start();
        }

        return watch;
    }

    private void Leave(Watch watch)
    {
        lock (_gate)
        {
            if (--watch.Streams > 0)
            {
                return;
            }

            var key = (watch.AccountId, watch.BatchId);
            if (_watches.TryGetValue(key, out var current) && current == watch)
            {
                _watches.Remove(key);
            }
        }

        watch.Dispose();
    }

    /// <summary>The one reader of a batch on this instance while it has streams here.</summary>
    private sealed class Watch : IDisposable
    {
        private readonly BatchReader _reader;
        private readonly RunChangeSignals _changes;
        private readonly FeedPolling _polling;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<BatchSegmentProgress> _completed = [];
        private readonly Lock _gate = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private State _state;
        private bool _stopped;

        public Watch(
            string accountId,
            string batchId,
            IReadOnlyList<BatchEvent> events,
            DurableTaskClient client,
            BatchReader reader,
            RunChangeSignals changes,
            FeedPolling polling,
            ILogger logger)
        {
            AccountId = accountId;
            BatchId = batchId;
            Client = client;
            _reader = reader;
            _changes = changes;
            _polling = polling;
            _logger = logger;
            _state = new State(events, false, _changed.Task);
        }

        public string AccountId { get; }

        public string BatchId { get; }

        public DurableTaskClient Client { get; set; }

        public int Streams { get; set; }

        public State State
        {
            get => Volatile.Read(ref _state);
            private set => Volatile.Write(ref _state, value);
        }

        public void Start() => _ = Task.Run(LoopAsync);

        public void Dispose()
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    _stopped = true;
                    _stop.Cancel();
                }
            }
        }

        private async Task LoopAsync()
        {
            using var hints = _changes.Watch(BatchId, _polling.Hint);
            var failures = 0;
            try
            {
                while (!State.Ended)
                {
                    await _polling.WaitAsync(failures, null, _stop.Token).ConfigureAwait(false);
                    (BatchFeedSnapshot Snapshot, int CompletedSegments)? read;
                    try
                    {
                        read = await _reader.ReadFeedAsync(Client, AccountId, BatchId, _completed, _stop.Token).ConfigureAwait(false);
                        failures = 0;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failures++;
                        Logs.FeedReadFailed(_logger, "batch", BatchId, failures, ex.Message);
                        continue;
                    }

                    if (read is not { } found)
                    {
                        Publish(State.Events, ended: true);
                        break;
                    }

                    _completed.AddRange(found.Snapshot.Segments.Skip(_completed.Count).Take(found.CompletedSegments - _completed.Count));
                    var latest = BatchFeed.Events(found.Snapshot);
                    if (latest.Count > State.Events.Count || found.Snapshot.IsFinal)
                    {
                        _polling.Settled();
                        Publish(latest, found.Snapshot.IsFinal);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The last stream left.
            }
            finally
            {
                lock (_gate)
                {
                    _stopped = true;
                    _stop.Dispose();
                }
            }
        }

        private void Publish(IReadOnlyList<BatchEvent> latest, bool ended)
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                State = new State(latest, ended, _changed.Task);
            }

            changed.TrySetResult();
        }
    }

    private sealed record State(IReadOnlyList<BatchEvent> Events, bool Ended, Task Changed);
}
