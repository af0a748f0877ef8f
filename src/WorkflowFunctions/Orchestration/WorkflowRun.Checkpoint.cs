using System.Text.Json;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Checkpoints: every episode of an orchestration replays its whole history, so a run whose history only grows costs
/// the square of its length. Once <see cref="OrchestrationOptions.CheckpointEveryNodes"/> I/O nodes have ended in this
/// generation and none is in flight, the run continues as new with a <see cref="RunCheckpoint"/> in its request, and the
/// next generation replays only its own nodes. The instance ID, the request's other members, the custom status, the
/// event numbering and the result are the same as without it.
/// </summary>
internal sealed partial class WorkflowRun
{
    // The generation this one continues from (null for the run's first).
    private int? _checkpointGeneration;

    /// <summary>Puts the run back where its checkpoint left it; returns the step to advance first (the last transition's).</summary>
    private SchedulerStep Restore(RestoredCheckpoint restored)
    {
        var checkpoint = restored.Checkpoint;
        _checkpointGeneration = checkpoint.Generation;
        _ledger.Restore(checkpoint, restored.Scope);
        _budget.Restore(checkpoint.Budget);
        SlotClaim = checkpoint.SlotClaim;
        _transitions.AddRange(checkpoint.Transitions);
        var step = _scheduler.Start();
        foreach (var transition in checkpoint.Transitions)
        {
            step = transition.Failed
                ? _scheduler.Fail(transition.NodeId, transition.ContinueOnError)
                : _scheduler.Complete(transition.NodeId, transition.Branch);
        }

        return step;
    }

    /// <summary>
    /// Continues the run as new when a checkpoint is due: in a live step, after <paramref name="step"/> was made and before
    /// its ready nodes start, with nothing in flight. A checkpoint larger than <see cref="OrchestrationOptions.MaxSubRunResultBytes"/> (one
    /// message to the engine, like a sub-run's result) is not taken, and, since a run's results only grow, none after it.
    /// </summary>
    private bool TryContinueAsNew(SchedulerStep step, Task<RunCancellation> cancelEvent)
    {
        // Only live code takes one. A replayed step was followed by what the history holds: had a checkpoint been taken
        // there, the generation would have ended. Were the setting lowered since, a replay must still follow its history.
        var every = _options.CheckpointEveryNodes;
        if (every <= 0 || _checkpointsOff || _context.IsReplaying || _settledThisGeneration < every || _inFlight.Count > 0
            || step.Ready.Count == 0 || _scheduler.IsFinal)
        {
            return false;
        }

        var generation = (_checkpointGeneration ?? 0) + 1;
        var next = _request with
        {
            Checkpoint = JsonSerializer.SerializeToElement(new RunCheckpoint
            {
                Generation = generation,
                StartedAt = _startedAt,
                MarksFrom = _marksFrom,
                LastSeq = _ledger.LastSeq,
                SlotClaim = SlotClaim,
                Nodes = _ledger.Checkpoint(),
                Transitions = [.. _transitions],
                Budget = _budget.State,
            }, DurablePayloadJson.Options),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(next, DurablePayloadJson.Options).Length;
        if (bytes > _options.MaxSubRunResultBytes)
        {
            _checkpointsOff = true;
            Logs.RunCheckpointTooLarge(_logger, RunId, bytes, _options.MaxSubRunResultBytes);
            return false;
        }

        // This generation's cancel wait is still open: a cancel raised later in this episode completes it, and is sent
        // on to the next generation, which would otherwise never see it (events with no wait carry over by themselves).
        cancelEvent.GetAwaiter().UnsafeOnCompleted(() =>
        {
            if (cancelEvent.IsCompletedSuccessfully)
            {
                _context.SendEvent(RunId, RunEvents.Cancel, cancelEvent.Result ?? new RunCancellation(null));
            }
        });
        _context.ContinueAsNew(next, preserveUnprocessedEvents: true);
        Logs.RunCheckpointed(_logger, RunId, generation, _ledger.LastSeq, bytes);
        return true;
    }
}
