using WorkflowFunctions.Storage.Batches;

namespace WorkflowFunctions.Batches;

/// <summary>A batch with its items' per-status counts (every status word, zero included).</summary>
public sealed record BatchSnapshot(BatchRecord Batch, IReadOnlyDictionary<string, int> Counts);
