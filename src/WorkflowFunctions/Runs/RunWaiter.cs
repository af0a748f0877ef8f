using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Waits for a run to become final without sleeping in long steps. A completion recorded by this instance wakes
/// the wait at once and, when it carries the run's result, ends it with that result (the orchestration's output
/// to be) before the orchestration's last commit; without a result, the orchestration's last step is polled every
/// few milliseconds. Otherwise (the run ends on another instance) the state is re-read every
/// <see cref="ApiOptions.ResultPollIntervalMs"/>.
/// </summary>
public sealed class RunWaiter(RunCompletionSignals signals, IOptions<ApiOptions> options, TimeProvider time)
{
    private static readonly TimeSpan FinishingPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FinishingWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How the wait ended: the final metadata, the recorded end, or the latest non-final metadata when
    /// <paramref name="timeout"/> passes first; a null metadata without a recorded end when the run does not exist.
    /// </summary>
    public async Task<RunWaitOutcome> WaitAsync(
        DurableTaskClient client, string runId, TimeSpan timeout, bool getInputsAndOutputs, CancellationToken cancellationToken)
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
                return new RunWaitOutcome(metadata, null);
            }

            if (Carried(subscription) is { } recorded)
            {
                return new RunWaitOutcome(metadata, recorded);
            }

            if (!finishing && subscription.Signalled.IsCompleted)
            {
                // The end was recorded without its result: the orchestration completes within its next step.
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
            if (Carried(subscription) is { } woken)
            {
                // Woken by the record of the end with its result: answer with it, no further read.
                return new RunWaitOutcome(metadata, woken);
            }
        }
    }

    public static bool IsFinal(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
    }

    private static RecordedRunEnd? Carried(RunCompletionSignals.Subscription subscription) =>
        subscription.Signalled is { IsCompletedSuccessfully: true, Result: { Completion.Result: not null } recorded } ? recorded : null;
}

