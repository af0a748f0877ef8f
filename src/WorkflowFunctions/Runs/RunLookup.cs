using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Finds a run for a caller: its orchestration (when it exists and belongs to the caller's account) or, for a
/// batch item that has not started, its index row. Another account's run is reported exactly like a missing one.
/// </summary>
public sealed class RunLookup(RunIndex index, TimeProvider time, IOptions<ApiOptions> options)
{
    public async Task<FoundRun?> FindAsync(DurableTaskClient client, Caller caller, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        if (!StorageKeys.IsKeySafe(runId))
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is not null)
        {
            var request = metadata.ReadInputAs<WorkflowRunRequest>();
            return request?.AccountId == caller.AccountId ? new FoundRun(metadata, request, null) : null;
        }

        if (RunIndex.TryParseBatchRunId(runId, out var batchId, out var position)
            && await index.FindBatchItemAsync(caller.AccountId, batchId, position, cancellationToken).ConfigureAwait(false) is { } pending)
        {
            return new FoundRun(null, null, pending);
        }

        return null;
    }

    /// <summary>
    /// Index rows with the status to show: the index's for runs that have ended (or have no orchestration yet), the
    /// live status of the orchestration for the others, which the index cannot tell apart (queued, running, waiting).
    /// </summary>
    public static async Task<IReadOnlyList<(RunRecord Run, string Status)>> WithLiveStatusAsync(DurableTaskClient client, IEnumerable<RunRecord> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await Task.WhenAll(runs.Select(async run =>
        {
            if (run.IsFinal)
            {
                return (run, run.Status);
            }

            // The custom status (waiting or running) is readable only when fetched with inputs and outputs.
            var live = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            return (run, live is null ? run.Status : RunView.LiveStatus(live));
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// A batch item that has not started yet, re-read every <see cref="ApiOptions.ResultPollIntervalMs"/> until its
    /// orchestration exists, it ends without one (a cancelled batch), or <paramref name="deadline"/> passes; any
    /// other run is returned as found.
    /// </summary>
    public async Task<FoundRun> WaitForStartAsync(DurableTaskClient client, Caller caller, FoundRun found, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.ResultPollIntervalMs));
        while (found.NotStarted is { } pending && !RunStatuses.IsFinal(pending.Status))
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(poll < remaining ? poll : remaining, time, cancellationToken).ConfigureAwait(false);
            found = await FindAsync(client, caller, pending.RunId, cancellationToken).ConfigureAwait(false) ?? found;
        }

        return found;
    }
}

/// <summary>A run found by <see cref="RunLookup"/>: either an orchestration with its request, or a batch item not yet started.</summary>
public sealed record FoundRun(OrchestrationMetadata? Metadata, WorkflowRunRequest? Request, RunRecord? NotStarted)
{
    public object View(string runId) => Metadata is not null ? RunView.From(runId, Metadata, Request) : RunView.From(NotStarted!);
}
