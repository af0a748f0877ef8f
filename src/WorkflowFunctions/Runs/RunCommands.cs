using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Runs;

/// <summary>
/// What a caller can do to runs: start a saved workflow or an ad-hoc definition, cancel a run, decide an approval.
/// Each checks everything first (definition, input, state) and answers a failure that names the problem, changing
/// nothing; the HTTP layer only reads requests and renders outcomes.
/// </summary>
public sealed class RunCommands(
    WorkflowReader workflows,
    RunReader reader,
    RunHistory history,
    RunSlots slots,
    RunCompletionSignals signals,
    RunChangeSignals changes,
    TimeProvider time,
    IOptions<OrchestrationOptions> orchestration,
    IOptions<ConcurrencyOptions> concurrency,
    IOptions<ApiOptions> api,
    ILogger<RunCommands> logger)
{
    /// <summary>How many tags a run may carry, and how long a tag's name and value may be.</summary>
    public const int MaxTags = 10;

    public const int MaxTagLength = 200;

    /// <summary>Null when <paramref name="timeoutSeconds"/> is absent or within the service's limits.</summary>
    public Failure? CheckTimeout(int? timeoutSeconds) =>
        timeoutSeconds is { } t && (t < 1 || t > orchestration.Value.MaxRunTimeoutSeconds)
            ? Failure.BadRequest($"'timeout_seconds' must be between 1 and {orchestration.Value.MaxRunTimeoutSeconds}.")
            : null;

    /// <summary>
    /// The run timeout, in seconds, of a run whose API caps it at <paramref name="capSeconds"/> (reference 004: 15
    /// minutes): the service's default run timeout, or the cap when that is shorter.
    /// </summary>
    public int TimeoutCappedAt(int capSeconds) =>
        Math.Min(capSeconds, Math.Min(orchestration.Value.DefaultRunTimeoutSeconds, orchestration.Value.MaxRunTimeoutSeconds));

    /// <summary>Starts a saved workflow's latest (or pinned) version with <paramref name="input"/>.</summary>
    public Task<Outcome<StartedRun>> StartSavedAsync(
        DurableTaskClient client,
        Caller caller,
        string workflowIdOrAlias,
        int? version,
        JsonNode? input,
        int? timeoutSeconds,
        CancellationToken cancellationToken) =>
        StartSavedAsync(client, caller, workflowIdOrAlias, version, input, timeoutSeconds, null, cancellationToken);

    /// <summary>
    /// Starts a saved workflow's latest (or pinned) version with <paramref name="input"/>, labelled with
    /// <paramref name="tags"/> in the run history (see <see cref="MaxTags"/>).
    /// </summary>
    public async Task<Outcome<StartedRun>> StartSavedAsync(
        DurableTaskClient client,
        Caller caller,
        string workflowIdOrAlias,
        int? version,
        JsonNode? input,
        int? timeoutSeconds,
        IReadOnlyDictionary<string, string>? tags,
        CancellationToken cancellationToken)
    {
        if (CheckTags(tags) is { } badTags)
        {
            return badTags;
        }

        ArgumentNullException.ThrowIfNull(caller);
        var loaded = await workflows.LoadAsync(caller.AccountId, workflowIdOrAlias, version, cancellationToken).ConfigureAwait(false);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var workflow = loaded.Value;
        var validated = RunInputs.Validate(workflow.Prepared, input);
        return validated.Failure is { } invalid
            ? invalid
            : await StartAsync(
                client,
                caller,
                workflow.Workflow.Id,
                workflow.Version.Version,
                workflow.Prepared.Executable,
                validated.Value,
                timeoutSeconds,
                concurrency.Value.CapFor(caller.AccountId, workflow.Workflow.MaxConcurrentRuns),
                tags,
                cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a definition that is not saved (an ad-hoc run), checked exactly as a saved one.</summary>
    public Task<Outcome<StartedRun>> StartAdHocAsync(
        DurableTaskClient client, Caller caller, JsonElement definition, JsonNode? input, int? timeoutSeconds, CancellationToken cancellationToken) =>
        StartAdHocAsync(client, caller, definition, input, timeoutSeconds, null, cancellationToken);

    /// <summary>Starts an ad-hoc run labelled with <paramref name="tags"/> in the run history (see <see cref="MaxTags"/>).</summary>
    public async Task<Outcome<StartedRun>> StartAdHocAsync(
        DurableTaskClient client,
        Caller caller,
        JsonElement definition,
        JsonNode? input,
        int? timeoutSeconds,
        IReadOnlyDictionary<string, string>? tags,
        CancellationToken cancellationToken)
    {
        if (CheckTags(tags) is { } badTags)
        {
            return badTags;
        }

        var prepared = workflows.Prepare(JsonSerializer.Serialize(definition));
        var validated = RunInputs.Validate(prepared, input);
        return validated.Failure is { } invalid
            ? invalid
            : await StartAsync(
                client,
                caller,
                null,
                null,
                prepared.Executable,
                validated.Value,
                timeoutSeconds,
                null,
                tags,
                cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels a run: it is asked to stop (its unfinished nodes report <c>cancelled</c>) and, when it has not stopped
    /// within <see cref="ApiOptions.CancelGraceSeconds"/>, terminated. Answers the run as it stands afterwards.
    /// </summary>
    public async Task<Outcome<RunSnapshot>> CancelAsync(
        DurableTaskClient client, Caller caller, string runId, string? reason, CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(client, caller, runId, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } missing)
        {
            return missing;
        }

        var run = found.Value;
        if (run.State == RunState.NotStarted)
        {
            return Failure.Conflict($"Run '{runId}' is a batch item that has not started; cancel its batch with POST /api/v1/batches/{run.BatchId}/cancel.");
        }

        if (run.IsFinal)
        {
            return Failure.Conflict($"Run '{runId}' has already finished ({RunStatuses.Of(run.Status)}); there is nothing to cancel.");
        }

        if (signals.HasEnded(runId))
        {
            // Its end is recorded and its orchestration completes within its next step: terminating it now would
            // contradict the result its waiters were already given.
            return Failure.Conflict($"Run '{runId}' has already finished; there is nothing to cancel.");
        }

        reason ??= "Cancelled by request";
        changes.Changed(runId);
        var grace = TimeSpan.FromSeconds(Math.Clamp(api.Value.CancelGraceSeconds, 0, 300));
        if (await RunControl.CancelAsync(client, runId, reason, grace, cancellationToken).ConfigureAwait(false) == RunControlOutcome.Terminated)
        {
            await RecordTerminatedAsync(client, run, reason).ConfigureAwait(false);
        }

        var after = await reader.FindAsync(client, caller, runId, cancellationToken).ConfigureAwait(false);
        return after.Succeeded ? after.Value : run with { Status = Engine.Execution.RunStatus.Cancelled };
    }

    /// <summary>Approves or rejects an approval node that is waiting for a decision.</summary>
    public async Task<Outcome<RunSnapshot>> ApproveAsync(
        DurableTaskClient client, Caller caller, string runId, string nodeId, bool approved, JsonNode? data, CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(client, caller, runId, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } missing)
        {
            return missing;
        }

        if (found.Value.State == RunState.NotStarted)
        {
            return Failure.Conflict($"Run '{runId}' has not started; it has no node waiting for approval.");
        }

        var sent = await RunControl.ApproveAsync(client, runId, nodeId, approved, data, cancellationToken).ConfigureAwait(false);
        if (sent == RunControlOutcome.Sent)
        {
            // The decision shows in the run's next step: its event streams here look soon.
            changes.Changed(runId);
        }

        return sent switch
        {
            RunControlOutcome.Sent => found.Value,
            RunControlOutcome.AlreadyFinished => Failure.Conflict($"Run '{runId}' has already finished; its approvals can no longer change."),
            RunControlOutcome.NotWaiting => Failure.Conflict($"Node '{nodeId}' of run '{runId}' is not waiting for approval."),
            _ => Failure.NotFound("Run", runId),
        };
    }

    // Tags are kept on the run's history row and in its request: few and short, in printable text.
    private static Failure? CheckTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null ? null
            : tags.Count > MaxTags ? Failure.BadRequest($"A run carries at most {MaxTags} tags.")
            : tags.FirstOrDefault(t => !IsTagText(t.Key) || !IsTagText(t.Value)) is { Key: { } name }
                ? Failure.BadRequest($"Tag '{name}' must have a name and value of 1 to {MaxTagLength} printable characters.")
                : null;

    private static bool IsTagText(string text) => text.Length is > 0 and <= MaxTagLength && !text.Any(char.IsControl);

    /// <summary>
    /// Schedules the run, then records it in the run history (without waiting for that). In that order a crash in
    /// between cannot leave a history row for a run that was never scheduled: at worst the scheduled run is missing
    /// from the history until it ends and records its end (which writes every row it has). A definition and input
    /// the engine refuses as too large (non-ASCII text grows when serialized) is a failure, and nothing was started
    /// or recorded. A capped run (<paramref name="maxConcurrentRuns"/>) carries its cap and waits for a slot itself,
    /// so starting it costs nothing more.
    /// </summary>
    private async Task<Outcome<StartedRun>> StartAsync(
        DurableTaskClient client,
        Caller caller,
        string? workflowId,
        int? version,
        JsonElement definition,
        JsonNode input,
        int? timeoutSeconds,
        int? maxConcurrentRuns,
        IReadOnlyDictionary<string, string>? tags,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var run = new StartedRun(RunIds.New(), workflowId, version, time.GetUtcNow());
        var request = WorkflowRunRequest.TopLevel(
            caller.AccountId, workflowId, version, definition, input, timeoutSeconds, run.CreatedAt, maxConcurrentRuns, tags);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                FunctionNames.WorkflowOrchestrator, request, new StartOrchestrationOptions(run.RunId), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            return Failure.TooLarge(
                api.Value.MaxBodyBytes,
                "The run's definition and input are too large for the durable engine to schedule; nothing was started. "
                + "Shorten the definition or the input (non-ASCII text counts up to six bytes a character once serialized).");
        }

        var record = new RunRecord
        {
            AccountId = caller.AccountId,
            RunId = run.RunId,
            WorkflowId = workflowId,
            Version = version,
            Status = RunStatuses.Queued,
            CreatedAt = run.CreatedAt,
            Tags = request.Index?.Tags,
        };
        _ = RecordQueuedAsync(record);
        return run;
    }

    /// <summary>
    /// The run's history rows, written while the caller is answered: a start waits for the engine's round trips
    /// only, and starts that arrive together share their history writes (<see cref="RunHistory.RecordQueuedAsync(RunRecord, CancellationToken)"/>).
    /// A history listing in this process waits for them. If they fail, the run still runs and records its end (which
    /// writes every row); only its queued row is missing until then.
    /// </summary>
    private async Task RecordQueuedAsync(RunRecord record)
    {
        try
        {
            await history.RecordQueuedAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logs.RunNotRecordedAtStart(logger, record.RunId, ex.Message);
        }
    }

    // A terminated orchestration never records its own end, nor wakes the requests waiting for it, nor frees its slot.
    private async Task RecordTerminatedAsync(DurableTaskClient client, RunSnapshot run, string reason)
    {
        if (run.IndexEntry is { } entry)
        {
            var completion = RunCompletion.Stopped(
                run.Id, run.AccountId, run.WorkflowId, run.Version, run.ParentRunId, entry, RunStatuses.Cancelled, reason, time.GetUtcNow(), run.Slot);
            completion = completion with { StartedAt = run.StartedAt ?? entry.CreatedAt };
            await history.RecordCompletedAsync(completion.ToRecord(), CancellationToken.None).ConfigureAwait(false);
            if (completion.Slot is { } slot)
            {
                // Its place in line: as its progress published it, else an API run's acceptance (a batch item's is searched for).
                var queuedAt = run.Progress?.QueuedAt ?? (entry.BatchId is null ? entry.CreatedAt : null);
                await ReleaseTerminatedAsync(client, slot with { QueuedAt = queuedAt }).ConfigureAwait(false);
            }
        }

        signals.Signal(run.Id);
    }

    /// <summary>Frees a terminated run's slot (or place in line) and wakes whom it went to; a failure is left to a waiting run's re-check.</summary>
    private async Task ReleaseTerminatedAsync(DurableTaskClient client, RunSlotClaim slot)
    {
        try
        {
            foreach (var promoted in await slots.ReleaseAsync(slot.ToClaim(), CancellationToken.None).ConfigureAwait(false))
            {
                await client.RaiseEventAsync(promoted, RunEvents.Slot, RunSlotGrant.Handed, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.RunSlotNotReleased(logger, slot.RunId, ex.Message);
        }
    }
}
