namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>The <c>data:</c> of one native batch event (docs/api.md, "Batch events").</summary>
public sealed record BatchEventView(int Seq, string Type, string BatchId, BatchEventCountsView Counts)
{
    public DateTimeOffset? At { get; init; }

    public string? RunId { get; init; }

    public int? Index { get; init; }

    public string? Status { get; init; }
}

/// <summary>Items finished so far, by how they ended, out of <c>total</c>.</summary>
public sealed record BatchEventCountsView(int Total, int Finished, int Succeeded, int Failed, int Cancelled);
