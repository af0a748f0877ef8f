namespace WorkflowFunctions.Storage.Workflows;

/// <summary>One immutable version of a workflow's graph.</summary>
public sealed record WorkflowVersionRecord
{
    public required string WorkflowId { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>SHA-256 of <see cref="Definition"/>.</summary>
    public required string Hash { get; init; }

    /// <summary>Size of the definition in UTF-8 bytes.</summary>
    public required int SizeBytes { get; init; }

    /// <summary>The definition's JSON text (reference 003 <c>data</c>); null when listing versions.</summary>
    public string? Definition { get; init; }
}
