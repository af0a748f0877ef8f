using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Batches;

namespace WorkflowFunctions.Batches;

/// <summary>
/// What a batch's feed is derived from: its row (which says when the batch has completed or was cancelled) and the
/// finished-item lists of its segments that have started, in segment order.
/// </summary>
public sealed record BatchFeedSnapshot(BatchRecord Batch, IReadOnlyList<BatchSegmentProgress> Segments)
{
    /// <summary>The batch orchestration has finished: every item has ended (those it never started, cancelled).</summary>
    public bool IsFinal => Batch.CompletedAt is not null;
}
