using System.Diagnostics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace WorkflowFunctions.Telemetry;

/// <summary>
/// Sends every <see cref="WorkflowTelemetry.Source"/> span to Application Insights as an in-process
/// dependency. The Application Insights SDK listens only to its own and the Functions worker's sources, so
/// without this the node spans would not exist (no listener) and a node's HTTP calls would hang directly
/// off the function invocation instead of off their node.
/// </summary>
internal sealed class NodeSpanTelemetryModule : ITelemetryModule, IDisposable
{
    private const string InProcDependencyType = "InProc";

    private TelemetryClient? _client;
    private ActivityListener? _listener;

    public void Initialize(TelemetryConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (_listener is not null)
        {
            return;
        }

        _client = new TelemetryClient(configuration);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkflowTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Track,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener?.Dispose();

    private void Track(Activity span)
    {
        var dependency = new DependencyTelemetry
        {
            Type = InProcDependencyType,
            Name = span.DisplayName,
            Timestamp = span.StartTimeUtc,
            Duration = span.Duration,
            Success = span.Status != ActivityStatusCode.Error,
            Id = span.SpanId.ToHexString(),
        };
        dependency.Context.Operation.Id = span.TraceId.ToHexString();
        if (span.ParentSpanId != default)
        {
            dependency.Context.Operation.ParentId = span.ParentSpanId.ToHexString();
        }

        if (span.Status == ActivityStatusCode.Error && span.StatusDescription is { } error)
        {
            dependency.Properties["error"] = error;
        }

        foreach (var (key, value) in span.TagObjects)
        {
            dependency.Properties[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        _client?.TrackDependency(dependency);
    }
}
