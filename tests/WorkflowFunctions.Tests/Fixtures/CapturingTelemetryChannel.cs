using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.Extensibility;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>An Application Insights channel that keeps what would have been sent, instead of sending it.</summary>
internal sealed class CapturingTelemetryChannel : ITelemetryChannel
{
    public ConcurrentQueue<ITelemetry> Sent { get; } = new();

    public bool? DeveloperMode { get; set; }

    public string EndpointAddress { get; set; } = "";

    /// <summary>A configuration that sends into a new capturing channel.</summary>
    public static TelemetryConfiguration Configuration(out CapturingTelemetryChannel channel)
    {
        channel = new CapturingTelemetryChannel();
        return new TelemetryConfiguration
        {
            ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/",
            TelemetryChannel = channel,
        };
    }

    public void Send(ITelemetry item) => Sent.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
