namespace WorkflowFunctions.Storage.Batches;

/// <summary>A batch of runs of one workflow version.</summary>
public sealed record BatchRecord
{
    public required string AccountId { get; init; }

    public required string Id { get; init; }

    public required string WorkflowId { get; init; }

    public required int Version { get; init; }

    public required int Total { get; init; }

    /// <summary>How many of the batch's runs may be in progress at once.</summary>
    public required int Concurrency { get; init; }

    /// <summary><c>running</c>, <c>completed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
