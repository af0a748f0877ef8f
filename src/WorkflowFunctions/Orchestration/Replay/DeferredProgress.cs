using System.Text.Json.Serialization;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration.Replay;

/// <summary>
/// A custom status that is built only when it is serialized, written exactly as the
/// <see cref="WorkflowRunProgress"/> it builds. The orchestrator sets it while replaying: only the status an
/// episode ends with is kept, and the Durable worker serializes the custom status once, when the episode ends,
/// so a replay no longer builds (and measures) a status for every step it re-applies. Setting it at every
/// replayed step still matters: an episode whose new events resume nothing (a cancelled approval timer firing
/// later) ends while replaying, and its status must not be lost.
/// </summary>
[JsonConverter(typeof(DeferredProgressConverter))]
internal sealed class DeferredProgress(Func<WorkflowRunProgress> build)
{
    public WorkflowRunProgress Build() => build();
}
