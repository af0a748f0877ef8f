using System.Runtime.CompilerServices;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Streams a run's events (<see cref="RunFeed"/>): what has happened after the client's last event, then what
/// happens, until the terminal event. However many streams a run has on this instance, one <see cref="RunWatch"/>
/// reads it for all of them, and only while it has streams; so hundreds of clients watching one run cost the store
/// one read per <see cref="ApiOptions.EventPollIntervalMs"/>, not one each.
/// </summary>
public sealed class RunWatchers(
    RunReader reader, RunCompletionSignals completions, RunChangeSignals changes, IOptions<ApiOptions> options, TimeProvider time, ILogger<RunWatchers> logger)
{
    private readonly Dictionary<string, RunWatch> _watches = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many runs are being read for streams on this instance (for tests and diagnostics).</summary>
    public int Watched
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>
    /// The events of <paramref name="run"/> (the caller has checked it is the caller's) after sequence number
    /// <paramref name="after"/>: first those the snapshot shows, then each new one as the run goes on, ending with
    /// the terminal event (or when the run is gone).
    /// </summary>
    public async IAsyncEnumerable<RunEvent> StreamAsync(
        DurableTaskClient client, RunSnapshot run, int after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var replayed in RunFeed.After(RunFeed.Events(run), after))
        {
            yield return replayed;
            after = replayed.Seq;
            if (replayed.IsTerminal)
            {
                yield break;
            }
        }

        if (run.IsFinal)
        {
            yield break;
        }

        var watch = Join(client, run);
        try
        {
            while (true)
            {
                var state = watch.State;
                foreach (var live in RunFeed.After(state.Events, after))
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

    private RunWatch Join(DurableTaskClient client, RunSnapshot run)
    {
        RunWatch? watch;
        var start = false;
        lock (_gate)
        {
            if (!_watches.TryGetValue(run.Id, out watch))
            {
                var interval = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.EventPollIntervalMs));
                watch = new RunWatch(run, client, reader, completions, changes, time, interval, logger);
                _watches[run.Id] = watch;
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

    private void Leave(RunWatch watch)
    {
        lock (_gate)
        {
            if (--watch.Streams > 0)
            {
                return;
            }

            if (_watches.TryGetValue(watch.RunId, out var current) && current == watch)
            {
                _watches.Remove(watch.RunId);
            }
        }

        watch.Dispose();
    }
}
