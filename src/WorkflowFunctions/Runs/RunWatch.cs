using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Runs;

/// <summary>
/// The one reader of a run on this instance while it has event streams here (<see cref="RunWatchers"/>): it reads
/// the run every <c>interval</c>, sooner when this instance hears that the run is about to change (a node attempt
/// ending here, a sub-run's end: <see cref="RunChangeSignals"/>, then at short growing intervals until the change
/// shows), and at once when this instance records the run's end (<see cref="RunCompletionSignals"/>, whose record
/// carries the result, so no read is needed). Each read's events are published to every stream; results the run's
/// progress has since left out are remembered for the streams that come later.
/// </summary>
internal sealed class RunWatch : IDisposable
{
    private const int MaxRememberedResults = 500;

    private readonly RunReader _reader;
    private readonly RunCompletionSignals _completions;
    private readonly RunChangeSignals _changes;
    private readonly FeedPolling _polling;
    private readonly ILogger _logger;
    private readonly string _accountId;
    private readonly string? _parentRunId;
    private readonly Dictionary<string, JsonObject> _results = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RunFeedState _state = null!;
    private bool _stopped;

    public RunWatch(
        RunSnapshot first,
        DurableTaskClient client,
        RunReader reader,
        RunCompletionSignals completions,
        RunChangeSignals changes,
        TimeProvider time,
        TimeSpan interval,
        ILogger logger)
    {
        RunId = first.Id;
        _accountId = first.AccountId;
        _parentRunId = first.ParentRunId;
        Client = client;
        _reader = reader;
        _completions = completions;
        _changes = changes;
        _polling = new FeedPolling(time, interval);
        _logger = logger;
        Remember(first);
        State = new RunFeedState(RunFeed.Events(first, Known), Ended: first.IsFinal, _changed.Task);
    }

    public string RunId { get; }

    /// <summary>The client reads go through: the latest stream's (they are long-lived and interchangeable).</summary>
    public DurableTaskClient Client { get; set; }

    /// <summary>Streams reading this watch (changed under the owner's lock).</summary>
    public int Streams { get; set; }

    public RunFeedState State
    {
        get => Volatile.Read(ref _state);
        private set => Volatile.Write(ref _state, value);
    }

    public void Start() => _ = Task.Run(LoopAsync);

    /// <summary>Stops reading (the last stream left); the loop releases what it holds as it ends.</summary>
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
        using var completion = _completions.Subscribe(RunId);
        using var hints = _changes.Watch(RunId, _polling.Hint);
        var waitForEnd = true;
        var failures = 0;
        try
        {
            while (!_stop.IsCancellationRequested && !State.Ended)
            {
                await _polling.WaitAsync(failures, waitForEnd ? completion.Signalled : null, _stop.Token).ConfigureAwait(false);
                if (waitForEnd && completion.Signalled.IsCompleted)
                {
                    waitForEnd = false;
                    if (completion.Signalled is { IsCompletedSuccessfully: true, Result: { Completion.Result: not null } recorded })
                    {
                        // The end as this instance recorded it, with the result: the final events without a read.
                        Publish(await _reader.FromRecordedEndAsync(recorded, _parentRunId, _stop.Token).ConfigureAwait(false));
                        break;
                    }

                    // Ended without the result at hand: the orchestration commits it within its next step.
                    _polling.Hint();
                }

                RunSnapshot? run;
                try
                {
                    run = await _reader.ReadAsync(Client, _accountId, RunId, _stop.Token).ConfigureAwait(false);
                    failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failures++;
                    Logs.FeedReadFailed(_logger, "run", RunId, failures, ex.Message);
                    continue;
                }

                if (run is null)
                {
                    // Gone (purged): the streams end without a terminal event.
                    Publish(State.Events, ended: true);
                    break;
                }

                Publish(run);
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

    private void Publish(RunSnapshot run)
    {
        Remember(run);
        var events = RunFeed.Events(run, Known);
        if (events.Count > State.Events.Count || run.IsFinal)
        {
            // New events: the change a hint announced has shown.
            _polling.Settled();
            Publish(events, run.IsFinal);
        }
    }

    private void Publish(IReadOnlyList<RunEvent> events, bool ended)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            State = new RunFeedState(events, ended, _changed.Task);
        }

        changed.TrySetResult();
    }

    private void Remember(RunSnapshot run)
    {
        foreach (var node in run.Nodes)
        {
            if (node.Result is { } result && _results.Count < MaxRememberedResults)
            {
                _results[node.Id] = result;
            }
        }
    }

    private JsonObject? Known(string nodeId) => _results.GetValueOrDefault(nodeId);
}

/// <summary>
/// What a <see cref="RunWatch"/> has published: the events so far, whether there will be more, and a task that completes at the next publish.
/// </summary>
internal sealed record RunFeedState(IReadOnlyList<RunEvent> Events, bool Ended, Task Changed);
