using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Http;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Waits for a run to become final (its orchestration completed, failed or terminated) without sleeping in
/// long steps: a completion recorded by this instance wakes the wait at once, after which the orchestration's
/// last step is polled every few milliseconds; otherwise the state is re-read every
/// <see cref="ApiOptions.ResultPollIntervalMs"/>.
/// </summary>
public sealed class RunWaiter(RunCompletionSignals signals, IOptions<ApiOptions> options, TimeProvider time)
{
    private static readonly TimeSpan FinishingPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FinishingWindow = TimeSpan.FromSeconds(5);

    /// <summary>The final metadata, or the latest non-final metadata when <paramref name="timeout"/> passes first; null when the run does not exist.</summary>
    public async Task<OrchestrationMetadata?> WaitAsync(DurableTaskClient client, string runId, TimeSpan timeout, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = time.GetUtcNow() + timeout;
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.ResultPollIntervalMs));
        var finishing = false;
        var finishingUntil = DateTimeOffset.MinValue;
        using var subscription = signals.Subscribe(runId);
        while (true)
        {
            var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (metadata is null || IsFinal(metadata) || now >= deadline)
            {
                return metadata;
            }

            if (!finishing && subscription.Signalled.IsCompleted)
            {
                // The end was recorded: the orchestration completes within its next step.
                finishing = true;
                finishingUntil = now + FinishingWindow;
            }

            var step = finishing && now < finishingUntil ? FinishingPoll : poll;
            var remaining = deadline - now;
            using var sleepCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleep = Task.Delay(step < remaining ? step : remaining, time, sleepCancellation.Token);
            await Task.WhenAny(finishing ? sleep : Task.WhenAny(subscription.Signalled, sleep), sleep).ConfigureAwait(false);
            await sleepCancellation.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public static bool IsFinal(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
    }
}
