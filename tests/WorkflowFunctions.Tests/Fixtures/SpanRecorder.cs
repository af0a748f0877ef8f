using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowFunctions.Telemetry;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// Listens to the app's <see cref="WorkflowTelemetry.Source"/> (so spans are created at all) and keeps the
/// stopped ones. Listeners are process-wide and tests run in parallel: filter what it records by a unique ID.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentBag<Activity> Stopped { get; } = [];

    public Activity Single(string runId) => Assert.Single(Stopped, span => (string?)span.GetTagItem(WorkflowTelemetry.RunId) == runId);

    public void Dispose() => _listener.Dispose();
}
