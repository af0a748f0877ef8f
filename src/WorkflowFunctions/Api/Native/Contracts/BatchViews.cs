using WorkflowFunctions.Batches;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>Links of a batch: to itself, its runs and its cancel.</summary>
public sealed record BatchLinks(string Self, string? Runs = null, string? Cancel = null)
{
    public static BatchLinks Of(string id) => new(NativeLinks.Batch(id), NativeLinks.BatchRuns(id), NativeLinks.BatchCancel(id));
}

/// <summary>One item of a created batch: the run id it will have, and its position.</summary>
public sealed record BatchRunView(string RunId, int Index);

/// <summary>The 202 of <c>POST /workflows/{id}/batches</c>: the batch and every item's run id.</summary>
public sealed record BatchCreatedView(
    string Id, string WorkflowId, int Version, int Total, int Concurrency, string Status, DateTimeOffset CreatedAt,
    IEnumerable<BatchRunView> Runs, BatchLinks Links)
{
    public static BatchCreatedView From(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var runs = Enumerable.Range(0, batch.Total).Select(i => new BatchRunView(RunIds.BatchItem(batch.Id, i), i));
        return new(batch.Id, batch.WorkflowId, batch.Version, batch.Total, batch.Concurrency, batch.Status, batch.CreatedAt, runs, BatchLinks.Of(batch.Id));
    }
}

/// <summary><c>GET /batches/{id}</c>: the batch with its items' counts by status and how many have finished.</summary>
public sealed record BatchView(
    string Id,
    string WorkflowId,
    int Version,
    int Total,
    int Concurrency,
    string Status,
    IReadOnlyDictionary<string, int> Counts,
    int Finished,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    BatchLinks Links)
{
    public static BatchView From(BatchSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var b = snapshot.Batch;
        var finished = snapshot.Counts.Where(c => RunStatuses.IsFinal(c.Key)).Sum(c => c.Value);
        return new(b.Id, b.WorkflowId, b.Version, b.Total, b.Concurrency, b.Status, snapshot.Counts, finished, b.CreatedAt, b.CompletedAt, BatchLinks.Of(b.Id));
    }
}

/// <summary>The 202 of a batch cancel.</summary>
public sealed record BatchCancelledView(string Id, string Status, BatchLinks Links)
{
    public static BatchCancelledView From(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(batch.Id, batch.Status, new BatchLinks(NativeLinks.Batch(batch.Id)));
    }
}
