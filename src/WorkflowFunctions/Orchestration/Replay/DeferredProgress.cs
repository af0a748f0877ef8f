using System.Text.Json.Serialization;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration.Replay;

/// <summary>
/// A custom status that is built only when it is serialized, written exactly as the
/// <see cref="WorkflowRunProgress"/> it builds. The orchestrator sets it at every step: only the status an
/// episode ends with is kept, and the Durable worker serializes the custom status once, when the episode ends,
/// so neither a replay nor a live episode that settles many nodes builds (and measures) a status for every step.
/// Setting it at every replayed step still matters: an episode whose new events resume nothing (a cancelled
/// approval timer firing later) ends while replaying, and its status must not be lost.
/// </summary>
[JsonConverter(typeof(DeferredProgressConverter))]
internal sealed class DeferredProgress(Func<WorkflowRunProgress> build)
{
    public WorkflowRunProgress Build() => build();
}
