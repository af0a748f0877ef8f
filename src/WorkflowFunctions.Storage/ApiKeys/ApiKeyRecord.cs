namespace WorkflowFunctions.Storage.ApiKeys;

/// <summary>A stored API key's metadata. The secret itself is never stored: only its SHA-256 hash.</summary>
public sealed record ApiKeyRecord
{
    public required string AccountId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The first characters of the key, so people can tell keys apart without the secret.</summary>
    public required string Prefix { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
