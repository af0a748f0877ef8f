using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The payload of the <see cref="RunEvents.Cancel"/> event.</summary>
/// <param name="Reason">Why the run is cancelled; reported as the run's error message.</param>
public sealed record RunCancellation([property: JsonPropertyName("reason")] string? Reason);
