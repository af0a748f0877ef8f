using System.Text.Json.Serialization;
using Microsoft.DurableTask;

namespace WorkflowFunctions.Orchestration.Replay;

/// <summary>
/// The input of an activity or sub-orchestration, built and serialized only when the action is new. The engine
/// serializes an action's input every time the orchestrator schedules it, replays included, and then discards it
/// on replay: the action is matched to its history event by sequence number and name, never by input. So a run
/// re-serialized every earlier node's input (upstream results, a child's whole definition) on every episode. The
/// decision is made when the engine serializes, not when the action is requested, because a retry policy schedules
/// the same input again for a later attempt, in an episode that may no longer be replaying.
/// </summary>
[JsonConverter(typeof(ScheduledInputConverter))]
internal sealed class ScheduledInput(TaskOrchestrationContext context, Func<object> build)
{
    private object? _built;

    /// <summary>Whether the engine is replaying this action from history (its input is then discarded).</summary>
    public bool IsReplayed => context.IsReplaying;

    /// <summary>The input itself, built on first use.</summary>
    public object Value => _built ??= build();
}
