using Azure;

namespace WorkflowFunctions.Storage.Workflows;

/// <summary>A saved workflow's metadata (its graph lives in versions).</summary>
public sealed record WorkflowRecord
{
    public required string AccountId { get; init; }

    public required string Id { get; init; }

    /// <summary>The account's integer alias for this workflow (reference 003 uses integer IDs); never reused.</summary>
    public required int Alias { get; init; }

    /// <summary>
    /// The workflow's UUID (reference 004 uses UUIDs), derived from <see cref="Id"/> and accepted wherever the id is;
    /// null only for an id this service did not mint.
    /// </summary>
    public string? Uuid => WorkflowUuids.Of(Id);

    public required string Title { get; init; }

    public string? Project { get; init; }

    public string? Description { get; init; }

    /// <summary>
    /// How many of this workflow's runs may run at once: null follows the account's default, 0 is no cap. Runs beyond
    /// it wait in line (see <c>RunSlots</c>).
    /// </summary>
    public int? MaxConcurrentRuns { get; init; }

    public required int LatestVersion { get; init; }

    /// <summary>SHA-256 of the latest version's definition text, to tell a real change from a resend.</summary>
    public required string LatestHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The head row's ETag when read; the condition of the next update.</summary>
    public ETag ETag { get; init; }
}
