using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Wraps the Durable backend the sidecar dispatches from, to fix what the preview sidecar gets wrong:
/// <list type="bullet">
/// <item>the in-memory backend caps concurrent work items at the processor count (2 here) and then waits
/// 500 ms, which serializes fan-out; the proxy reports a realistic limit instead;</item>
/// <item>the sidecar (0.2.3-preview.1) hands DTFx Azure Storage two events it cannot persist: sub-orchestration
/// start tags as a protobuf <c>MapField</c> (a poison message, retried forever), and the sub-orchestration
/// "created" event as an undeclared subclass (an empty history row, so the parent can never replay). Both are
/// rewritten to the plain DTFx types in <c>CompleteTaskOrchestrationWorkItemAsync</c>;</item>
/// <item>on Azurite, long timers are kept out of the control queue until shortly before they are due, and
/// dropped when their orchestration ends (<see cref="DeferredTimers"/>, which says why);</item>
/// <item>the in-memory backend stores an episode while holding its instance's lock and takes the lock of each instance it
/// sends a message to: a parent cancelling its sub-runs while one of them reports its end to the parent deadlocked both,
/// and then every thread that touched either (a fork of sub-runs failing on its budget hung the engine within seconds).
/// The proxy stores one episode at a time there, so no two such locks are ever waited for in a cycle;</item>
/// <item>when asked, it records each history's size as episodes are stored (<see cref="HistorySizes"/>);</item>
/// <item>it checks each custom status against the Functions host's limit, which the sidecar does not enforce
/// (<see cref="CustomStatusLimit"/>);</item>
/// <item>a stop waits for the start under way and skips a backend that never started: DTFx Azure Storage's
/// <c>StopAsync</c> uses what its <c>StartAsync</c> creates, so a host stopped moments after it started (a short test
/// class on Azurite) threw a NullReferenceException on the thread pool and took the whole process down; and a stop cut
/// short by the backend's disposal does not throw (DTFx Azure Storage's TimeoutException from its partition manager, on
/// the thread pool, crashed a test host the same way).</item>
/// </list>
/// An Azurite test runs a sub-workflow so an upgrade that changes this shows.
/// </summary>
public class OrchestrationServiceProxy : DispatchProxy
{
    private IOrchestrationService _inner = null!;
    private int _maxConcurrency;
    private DeferredTimers? _timers;
    private HistorySizes? _histories;
    private Lock? _commits;
    private CustomStatusLimit? _statusLimit;
    private Task? _started;
    private Task? _stopped;

    public static IOrchestrationService Wrap(IOrchestrationService inner, int maxConcurrency) => Wrap(inner, maxConcurrency, null);

    /// <param name="inner">The backend.</param>
    /// <param name="maxConcurrency">The work items of each kind the sidecar may dispatch at once.</param>
    /// <param name="timers">Where long timers wait (Azurite), or null.</param>
    /// <param name="histories">Where history sizes are recorded, or null.</param>
    /// <param name="statusLimit">Where custom statuses over the Functions host's limit are reported, or null.</param>
    /// <param name="oneCommitAtATime">
    /// Store one episode at a time: for a backend that stores an episode synchronously, inside the call, under locks
    /// it takes in no fixed order (the in-memory backend).
    /// </param>
    internal static IOrchestrationService Wrap(
        IOrchestrationService inner,
        int maxConcurrency,
        DeferredTimers? timers,
        HistorySizes? histories = null,
        CustomStatusLimit? statusLimit = null,
        bool oneCommitAtATime = false)
    {
        var proxy = Create<IOrchestrationService, OrchestrationServiceProxy>();
        var self = (OrchestrationServiceProxy)(object)proxy;
        self._inner = inner;
        self._maxConcurrency = maxConcurrency;
        self._timers = timers;
        self._histories = histories;
        self._statusLimit = statusLimit;
        self._commits = oneCommitAtATime ? new Lock() : null;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        switch (targetMethod.Name)
        {
            case nameof(IOrchestrationService.StartAsync):
                return _started = (Task)Call(targetMethod, args)!;
            case nameof(IOrchestrationService.StopAsync):
                return _stopped = StopAfterStartAsync(targetMethod, args);
            case "get_" + nameof(IOrchestrationService.MaxConcurrentTaskActivityWorkItems):
            case "get_" + nameof(IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems):
                return _maxConcurrency;
            case nameof(IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync):
                Normalize(args!);
                if (_histories is not null && args is [TaskOrchestrationWorkItem item, OrchestrationRuntimeState state, ..])
                {
                    _histories.Record(item.InstanceId, state.Events.Count);
                }

                if (_statusLimit is not null && args is [TaskOrchestrationWorkItem episode, _, _, _, _, _, OrchestrationState { Status: var status }])
                {
                    _statusLimit.Check(episode.InstanceId, status);
                }

                if (_timers is not null)
                {
                    return CompleteWithDeferredTimersAsync(targetMethod, args!, _timers);
                }

                if (_commits is not null)
                {
                    lock (_commits)
                    {
                        return Call(targetMethod, args);
                    }
                }

                break;
        }

        return Call(targetMethod, args);
    }

    private async Task StopAfterStartAsync(MethodInfo method, object?[]? args)
    {
        if (_started is not { } started)
        {
            return;
        }

        try
        {
            await started;
        }
        catch (Exception) when (!started.IsCompletedSuccessfully)
        {
            // It never started, so there is nothing to stop.
            return;
        }

        try
        {
            await (Task)Call(method, args)!;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // The sidecar stops the backend from its host's ApplicationStopping callback, where an exception is thrown
            // on the thread pool and ends the process. DTFx Azure Storage's graceful stop throws TimeoutException
            // ("Timed-out waiting for the partition manager") at once when the service is disposed while it drains,
            // which a LocalHost shutting down does: a test host crashed on it. The process is stopping; nothing is lost.
        }
    }

    /// <summary>The backend's stop, once the sidecar has begun it; null before.</summary>
    internal Task? Stopped => _stopped;

    private async Task CompleteWithDeferredTimersAsync(MethodInfo method, object?[] args, DeferredTimers timers)
    {
        // (workItem, newRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, state)
        if (args[0] is TaskOrchestrationWorkItem workItem && args[4] is IList<TaskMessage> timerMessages)
        {
            var ended = args[6] is OrchestrationState
            {
                OrchestrationStatus: OrchestrationStatus.Completed
                    or OrchestrationStatus.Failed
                    or OrchestrationStatus.Terminated
                    or OrchestrationStatus.Canceled
            };
            args[4] = await timers.DeferAsync(workItem.InstanceId, timerMessages, ended);
        }

        await (Task)Call(method, args)!;
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static void Normalize(object?[] args)
    {
        foreach (var arg in args)
        {
            switch (arg)
            {
                case OrchestrationRuntimeState state:
                    ReplaceSubclassedEvents(state.Events);
                    ReplaceSubclassedEvents(state.NewEvents);
                    break;
                case IList<TaskMessage> messages:
                    foreach (var message in messages)
                    {
                        PlainTags(message.Event);
                    }

                    break;
                case TaskMessage message:
                    PlainTags(message.Event);
                    break;
            }
        }
    }

    private static void PlainTags(HistoryEvent? historyEvent)
    {
        if (historyEvent is ExecutionStartedEvent started && started.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>))
        {
            started.Tags = new Dictionary<string, string>(tags);
        }
    }

    private static void ReplaceSubclassedEvents(IList<HistoryEvent> events)
    {
        if (events.IsReadOnly)
        {
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }

            PlainTags(events[i]);
        }
    }
}
