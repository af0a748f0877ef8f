using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A run's end as this instance recorded it in the run index: the completion (with the final result when it was
/// carried) and when the record was written, which is when the run counts as finished for its waiters.
/// </summary>
public sealed record RecordedRunEnd(RunCompletion Completion, DateTimeOffset RecordedAt);
