using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A node's retry and timeout settings: its own <c>data.retry {max_attempts, backoff_seconds, backoff_coefficient}</c>
/// and <c>data.timeout_seconds</c>, else the service defaults (<see cref="OrchestrationOptions"/>).
/// </summary>
internal sealed record NodeSettings(int MaxAttempts, TimeSpan FirstBackoff, double BackoffCoefficient, TimeSpan MaxBackoff, TimeSpan Timeout)
{
    private const int AttemptsCap = 20;

    public static NodeSettings For(string nodeType, JsonObject data, OrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var retry = data["retry"] as JsonObject;
        var maxAttempts = (int)Math.Clamp(Positive(retry?["max_attempts"]) ?? options.DefaultMaxAttempts, 1, AttemptsCap);
        var backoff = Positive(retry?["backoff_seconds"]) ?? options.DefaultBackoffSeconds;
        var coefficient = Math.Max(1, Positive(retry?["backoff_coefficient"]) ?? options.BackoffCoefficient);
        var firstBackoff = TimeSpan.FromSeconds(Math.Max(backoff, 0.001));
        var maxBackoff = TimeSpan.FromSeconds(Math.Max(options.MaxBackoffSeconds, firstBackoff.TotalSeconds));
        return new NodeSettings(maxAttempts, firstBackoff, coefficient, maxBackoff, TimeSpan.FromSeconds(TimeoutSeconds(nodeType, data, options)));
    }

    /// <summary>The node's own <c>timeout_seconds</c>, or null.</summary>
    public static double? OwnTimeoutSeconds(JsonObject data) => Positive(data["timeout_seconds"]);

    /// <summary>
    /// Durable retry options for the node's activity; null when it gets a single attempt. <paramref name="onRetry"/>
    /// runs (in the orchestrator, also on replay) each time a failed attempt is retried, with the attempt's error, to
    /// count attempts and record the retry.
    /// </summary>
    public TaskOptions? ToTaskOptions(Action<string?> onRetry)
    {
        if (MaxAttempts <= 1)
        {
            return null;
        }

        var policy = new RetryPolicy(MaxAttempts, FirstBackoff, BackoffCoefficient, MaxBackoff)
        {
            HandleFailure = failure =>
            {
                onRetry(failure?.ErrorMessage);
                return true;
            },
        };
        return TaskOptions.FromRetryPolicy(policy);
    }

    /// <summary>How long the retry policy waits after failed attempt <paramref name="failedAttempt"/> (1 for the first).</summary>
    public TimeSpan RetryDelay(int failedAttempt)
    {
        var milliseconds = FirstBackoff.TotalMilliseconds * Math.Pow(BackoffCoefficient, Math.Max(0, failedAttempt - 1));
        return milliseconds < MaxBackoff.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : MaxBackoff;
    }

    public static string Describe(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static double TimeoutSeconds(string nodeType, JsonObject data, OrchestrationOptions options)
    {
        if (OwnTimeoutSeconds(data) is { } own)
        {
            return own;
        }

        if (options.NodeTimeoutSeconds.TryGetValue(nodeType, out var byType)
            || options.NodeTimeoutSeconds.TryGetValue(nodeType.Replace('-', '_'), out byType))
        {
            return byType;
        }

        return options.DefaultNodeTimeoutSeconds;
    }

    private static double? Positive(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        double number;
        switch (value.GetValueKind())
        {
            // Read from the JSON text: GetValue<double> throws for values built from other numeric types.
            case JsonValueKind.Number when double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedNumber):
                number = parsedNumber;
                break;
            case JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            default:
                return null;
        }

        return number > 0 && double.IsFinite(number) ? number : null;
    }
}
