using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace WorkflowFunctions.Nodes;

/// <summary>
/// The in-process retry both executors' HTTP clients share (Microsoft.Extensions.Http.Resilience): transient
/// outcomes (connection failures, timeouts, 408, 429, 5xx) are retried with exponential backoff and jitter, a
/// <c>Retry-After</c> wait is honoured, and a server that asks for more than <c>maxDelay</c> is not retried
/// here at all: the node then fails retryable and the orchestrator's durable retry waits instead of a worker.
/// </summary>
public static class TransientRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Adds the retry to a resilience pipeline. <paramref name="maxAttempts"/> counts the first try (1 adds
    /// nothing); <paramref name="isPermanent"/> marks exceptions never worth retrying (e.g. a refused address).
    /// </summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddTransientRetry(
        this ResiliencePipelineBuilder<HttpResponseMessage> builder,
        int maxAttempts,
        TimeSpan maxDelay,
        TimeProvider time,
        Func<Exception, bool>? isPermanent = null,
        bool idempotentOnly = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(time);
        if (maxAttempts <= 1)
        {
            return builder;
        }

        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = maxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            MaxDelay = maxDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(
                !args.Context.CancellationToken.IsCancellationRequested
                && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                && !(args.Outcome.Exception is { } ex && isPermanent?.Invoke(ex) == true)
                && !(args.Outcome.Result is { } response && RetryAfterHeader.Read(response.Headers, time.GetUtcNow()) > maxDelay)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result is { } response ? RetryAfterHeader.Read(response.Headers, time.GetUtcNow()) : null),
        };
        if (idempotentOnly)
        {
            options.DisableForUnsafeHttpMethods();
        }

        return builder.AddRetry(options);
    }
}
