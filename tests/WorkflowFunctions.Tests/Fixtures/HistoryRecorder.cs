using System.Collections.Concurrent;
using System.Reflection;
using DurableTask.Core;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// Wraps a Durable backend to record how many events each instance's history holds after every episode (the
/// runtime state the backend is asked to store), so tests can check that no history grows without bound. The
/// in-memory backend cannot be asked for a history itself.
/// </summary>
public class HistoryRecorder : DispatchProxy
{
    private IOrchestrationService _inner = null!;

    /// <summary>The most events each instance's history held, by instance ID.</summary>
    public ConcurrentDictionary<string, int> Largest { get; } = new(StringComparer.Ordinal);

    public static (IOrchestrationService Service, HistoryRecorder Recorder) Wrap(IOrchestrationService inner)
    {
        var proxy = Create<IOrchestrationService, HistoryRecorder>();
        var recorder = (HistoryRecorder)(object)proxy;
        recorder._inner = inner;
        return (proxy, recorder);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync)
            && args is [TaskOrchestrationWorkItem item, OrchestrationRuntimeState state, ..])
        {
            Largest.AddOrUpdate(item.InstanceId, state.Events.Count, (_, before) => Math.Max(before, state.Events.Count));
        }

        if (targetMethod.Name is "get_" + nameof(IOrchestrationService.MaxConcurrentTaskActivityWorkItems)
            or "get_" + nameof(IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems))
        {
            // The in-memory backend caps work items at the processor count and then waits; a map-rows node fans out.
            return 256;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
