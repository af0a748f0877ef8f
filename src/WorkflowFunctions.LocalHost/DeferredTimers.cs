using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using DurableTask.Core;
using DurableTask.Core.History;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Keeps long durable timers in a table of the task hub (<c>{hub}LocalTimers</c>) until shortly before they are due,
/// instead of in the control queue, and drops those of orchestrations that have ended. Used only on Azurite.
/// <para>
/// Why: Azurite holds every queue message of the emulator in one in-memory collection and rebuilds that
/// collection's indexes on every dequeue and delete, so each queue operation costs more the more messages the
/// emulator holds, visible or not. DTFx sends a timer as a queue message that stays invisible until it fires, and
/// every workflow run creates a run timeout (15 minutes by default) and a timeout per I/O node (5 minutes), which
/// outlive the run: after a 1,000-item batch some 2,000 of them sat in the emulator and queue operations took
/// 6-12 ms each instead of 1-2. Real Azure queues do not slow down with invisible messages, so the LocalHost on a
/// real account and the Functions host keep DTFx's own behaviour.
/// </para>
/// <para>
/// How: a timer due more than <see cref="DefaultDeferBeyond"/> from now is written to the table (keyed by instance,
/// execution and timer ID, so a retried episode overwrites it) before the episode is committed, and handed to the
/// control queue <see cref="DefaultHandOverAhead"/> before it is due; the queue's visibility delay then fires it on time,
/// exactly as DTFx would have. When an orchestration ends, its deferred timers are deleted: DTFx would only have
/// discarded them when they fired. The table survives restarts and is read back when the LocalHost starts. A crash
/// between handing a timer over and deleting its row hands it over twice; DTFx already delivers queue messages at
/// least once and the orchestration ignores a timer that has already fired.
/// </para>
/// </summary>
internal sealed class DeferredTimers : IAsyncDisposable
{
    /// <summary>Timers due sooner go to the control queue directly (retry back-offs, short approval timeouts).</summary>
    public static readonly TimeSpan DefaultDeferBeyond = TimeSpan.FromSeconds(30);

    /// <summary>How long before its due time a deferred timer is handed to the control queue.</summary>
    public static readonly TimeSpan DefaultHandOverAhead = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);
    private readonly TableClient _table;
    private readonly IOrchestrationServiceClient _client;
    private readonly ILogger _logger;
    private readonly TimeSpan _deferBeyond;
    private readonly TimeSpan _handOverAhead;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, Entry>> _byInstance = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Entry, DateTime> _schedule = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = NewSignal();
    private Task _loop = Task.CompletedTask;

    private DeferredTimers(TableClient table, IOrchestrationServiceClient client, ILogger logger, TimeSpan deferBeyond, TimeSpan handOverAhead)
    {
        _table = table;
        _client = client;
        _logger = logger;
        _deferBeyond = deferBeyond;
        _handOverAhead = handOverAhead;
    }

    /// <summary>How many timers are waiting in the table (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byInstance.Values.Sum(e => e.Count);
            }
        }
    }

    /// <summary>Opens (or creates) the task hub's timer table, schedules the timers it holds and starts handing them over.</summary>
    public static async Task<DeferredTimers> StartAsync(
        TableServiceClient tables,
        string taskHub,
        IOrchestrationServiceClient client,
        ILogger logger,
        TimeSpan? deferBeyond = null,
        TimeSpan? handOverAhead = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = tables.GetTableClient(taskHub + "LocalTimers");
        await table.CreateIfNotExistsAsync();
        var timers = new DeferredTimers(table, client, logger, deferBeyond ?? DefaultDeferBeyond, handOverAhead ?? DefaultHandOverAhead);
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            timers.Schedule(Entry.From(row));
        }

        timers._loop = Task.Run(timers.HandOverLoopAsync);
        return timers;
    }

    /// <summary>
    /// Called before an episode is committed with the timers it created: stores the long ones and returns those that
    /// go to the control queue now. An episode that ends its orchestration instead deletes every deferred timer of
    /// the instance (its own new timers could never fire into it either).
    /// </summary>
    public async Task<IList<TaskMessage>> DeferAsync(string instanceId, IList<TaskMessage> timers, bool orchestrationEnded)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(timers);
        if (orchestrationEnded)
        {
            await ForgetAsync(instanceId);
            return [];
        }

        var later = DateTime.UtcNow + _deferBeyond;
        var deferred = timers
            .Where(t => t.Event is TimerFiredEvent fired && fired.FireAt > later && t.OrchestrationInstance?.InstanceId == instanceId)
            .Select(t => new Entry(
                instanceId, t.OrchestrationInstance.ExecutionId ?? string.Empty, ((TimerFiredEvent)t.Event).TimerId, ((TimerFiredEvent)t.Event).FireAt))
            .ToList();
        if (deferred.Count == 0)
        {
            return timers;
        }

        foreach (var chunk in deferred.Chunk(100))
        {
            await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e.ToRow())));
        }

        foreach (var entry in deferred)
        {
            Schedule(entry);
        }

        Wake();
        return [.. timers.Where(t => !deferred.Any(e => t.Event is TimerFiredEvent fired && fired.TimerId == e.TimerId))];
    }

    /// <summary>Deletes the instance's deferred timers (best effort: one that stays fires later and DTFx discards it).</summary>
    public async Task ForgetAsync(string instanceId)
    {
        List<Entry> entries;
        lock (_gate)
        {
            if (!_byInstance.Remove(instanceId, out var byKey))
            {
                return;
            }

            entries = [.. byKey.Values];
            foreach (var entry in entries)
            {
                entry.Cancelled = true;
            }
        }

        foreach (var chunk in entries.Chunk(100))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e.ToRow(), ETag.All)));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // A row is already gone (handed over meanwhile): delete the others one by one.
                foreach (var entry in chunk)
                {
                    await _table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Schedule(Entry entry)
    {
        lock (_gate)
        {
            if (!_byInstance.TryGetValue(entry.InstanceId, out var byKey))
            {
                byKey = new Dictionary<string, Entry>(StringComparer.Ordinal);
                _byInstance[entry.InstanceId] = byKey;
            }

            if (byKey.Remove(entry.RowKey, out var replaced))
            {
                replaced.Cancelled = true;
            }

            byKey[entry.RowKey] = entry;
            _schedule.Enqueue(entry, entry.FireAt);
        }
    }

    private async Task HandOverLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Task woken;
            lock (_gate)
            {
                woken = _wake.Task;
            }

            var wait = NextWait();
            if (wait > TimeSpan.Zero)
            {
                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(token);
                await Task.WhenAny(woken, Task.Delay(wait, sleep.Token));
                await sleep.CancelAsync();
                token.ThrowIfCancellationRequested();
                lock (_gate)
                {
                    if (_wake.Task.IsCompleted)
                    {
                        _wake = NewSignal();
                    }
                }

                continue;
            }

            var entry = TakeDue();
            if (entry is null)
            {
                continue;
            }

            try
            {
                await _client.SendTaskOrchestrationMessageAsync(entry.ToMessage());
                await _table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, token);
                Release(entry);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                Logs.TimerHandOverFailed(_logger, entry.InstanceId, entry.TimerId, ex.Message);
                lock (_gate)
                {
                    if (!entry.Cancelled)
                    {
                        _schedule.Enqueue(entry, entry.FireAt);
                    }
                }

                await Task.Delay(RetryAfterFailure, token);
            }
        }
    }

    /// <summary>How long until the earliest timer is due for handing over (cancelled entries are dropped on the way).</summary>
    private TimeSpan NextWait()
    {
        lock (_gate)
        {
            while (_schedule.TryPeek(out var entry, out var fireAt))
            {
                if (entry.Cancelled)
                {
                    _schedule.Dequeue();
                    continue;
                }

                var wait = fireAt - _handOverAhead - DateTime.UtcNow;
                return wait > TimeSpan.Zero ? Min(wait, LongestSleep) : TimeSpan.Zero;
            }

            return LongestSleep;
        }
    }

    private Entry? TakeDue()
    {
        lock (_gate)
        {
            return _schedule.TryDequeue(out var entry, out _) && !entry.Cancelled ? entry : null;
        }
    }

    private void Release(Entry entry)
    {
        lock (_gate)
        {
            if (_byInstance.TryGetValue(entry.InstanceId, out var byKey) && byKey.TryGetValue(entry.RowKey, out var current) && current == entry)
            {
                byKey.Remove(entry.RowKey);
                if (byKey.Count == 0)
                {
                    _byInstance.Remove(entry.InstanceId);
                }
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }

    /// <summary>One deferred timer: what the TimerFired message carries, and its row's keys.</summary>
    private sealed class Entry(string instanceId, string executionId, int timerId, DateTime fireAt)
    {
        public string InstanceId { get; } = instanceId;

        public string ExecutionId { get; } = executionId;

        public int TimerId { get; } = timerId;

        public DateTime FireAt { get; } = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);

        /// <summary>Set when the orchestration ended or a newer write replaced the row: the schedule skips it.</summary>
        public bool Cancelled { get; set; }

        // Instance IDs may hold characters a key cannot ('/', '#', '?', '\'), so the partition key is their UTF-8 in hex.
        public string PartitionKey { get; } = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(instanceId));

        public string RowKey { get; } = executionId + "~" + timerId.ToString("D10", CultureInfo.InvariantCulture);

        public static Entry From(TableEntity row) => new(
            row.GetString("InstanceId"),
            row.GetString("ExecutionId") ?? string.Empty,
            row.GetInt32("TimerId") ?? 0,
            DateTime.SpecifyKind(row.GetDateTime("FireAt") ?? DateTime.UtcNow, DateTimeKind.Utc));

        public TableEntity ToRow() => new(PartitionKey, RowKey)
        {
            ["InstanceId"] = InstanceId,
            ["ExecutionId"] = ExecutionId,
            ["TimerId"] = TimerId,
            ["FireAt"] = FireAt,
        };

        public TaskMessage ToMessage() => new()
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = InstanceId, ExecutionId = ExecutionId.Length == 0 ? null : ExecutionId },
            Event = new TimerFiredEvent(-1, FireAt) { TimerId = TimerId },
        };
    }
}

internal static partial class Logs
{
    [LoggerMessage(
        EventId = 2000,
        Level = LogLevel.Warning,
        Message = "Handing deferred timer {TimerId} of {InstanceId} to the control queue failed (retrying): {Error}")]
    public static partial void TimerHandOverFailed(ILogger logger, string instanceId, int timerId, string error);
}
