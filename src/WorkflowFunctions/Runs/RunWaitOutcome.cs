using Microsoft.DurableTask.Client;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Runs;

/// <summary>
/// How <see cref="RunWaiter.WaitAsync"/> ended: <see cref="Recorded"/> (the run's end with its result, recorded on
/// this instance before its orchestration finished committing) or the orchestration's <see cref="Metadata"/>.
/// </summary>
public sealed record RunWaitOutcome(OrchestrationMetadata? Metadata, RecordedRunEnd? Recorded)
{
    /// <summary>Whether the run has ended (recorded, or its orchestration final).</summary>
    public bool Done => Recorded is not null || (Metadata is not null && RunWaiter.IsFinal(Metadata));
}
