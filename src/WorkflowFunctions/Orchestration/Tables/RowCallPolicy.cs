using System.Text.Json.Serialization;
using Microsoft.DurableTask;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>
/// Retry and timeout of each row's call: the map-rows node's own <c>retry</c> and <c>timeout_seconds</c> (else the
/// defaults for the call's node type), resolved once by the run so every chunk applies the same policy.
/// </summary>
public sealed record RowCallPolicy
{
    [JsonPropertyName("max_attempts")]
    public int MaxAttempts { get; init; } = 1;

    [JsonPropertyName("first_backoff_seconds")]
    public double FirstBackoffSeconds { get; init; }

    [JsonPropertyName("backoff_coefficient")]
    public double BackoffCoefficient { get; init; } = 1;

    [JsonPropertyName("max_backoff_seconds")]
    public double MaxBackoffSeconds { get; init; }

    /// <summary>Timeout of one attempt of one row's call.</summary>
    [JsonPropertyName("timeout_seconds")]
    public double TimeoutSeconds { get; init; }

    internal static RowCallPolicy From(NodeSettings settings) => new()
    {
        MaxAttempts = settings.MaxAttempts,
        FirstBackoffSeconds = settings.FirstBackoff.TotalSeconds,
        BackoffCoefficient = settings.BackoffCoefficient,
        MaxBackoffSeconds = settings.MaxBackoff.TotalSeconds,
        TimeoutSeconds = settings.Timeout.TotalSeconds,
    };

    /// <summary>The Durable retry options of a row's activity; null for a single attempt.</summary>
    internal TaskOptions? ToTaskOptions() =>
        new NodeSettings(
            MaxAttempts,
            TimeSpan.FromSeconds(FirstBackoffSeconds),
            BackoffCoefficient,
            TimeSpan.FromSeconds(MaxBackoffSeconds),
            TimeSpan.FromSeconds(TimeoutSeconds)).ToTaskOptions(_ => { });
}
