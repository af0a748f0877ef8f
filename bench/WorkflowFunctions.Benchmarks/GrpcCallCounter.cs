using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// The gRPC calls this process makes, by method (the Durable Task worker and client talk to the engine's sidecar
/// over gRPC): counted from Grpc.Net.Client's call-start events, to see which calls a run's path adds.
/// </summary>
internal sealed class GrpcCallCounter : EventListener
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public void Report(int runs)
    {
        foreach (var (method, count) in _calls.OrderByDescending(p => p.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   gRPC {method}: {(double)count / runs:0.00} per run"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Grpc.Net.Client")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "CallStart" && eventData.Payload is { Count: > 0 } payload)
        {
            _calls.AddOrUpdate(payload[0] as string ?? "?", 1, (_, n) => n + 1);
        }
    }
}
