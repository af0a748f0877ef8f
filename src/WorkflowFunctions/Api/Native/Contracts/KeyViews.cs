using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>A key as listed: never its secret.</summary>
public sealed record KeyView(string Id, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt)
{
    public static KeyView From(ApiKeyRecord k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new(k.Id, k.Name, k.Scopes, k.Prefix, k.CreatedAt);
    }
}

/// <summary>A key just created, with its secret (shown this once).</summary>
public sealed record KeyCreatedView(string Id, string AccountId, string Name, IReadOnlyList<string> Scopes, string Prefix, DateTimeOffset CreatedAt, string Key)
{
    public static KeyCreatedView From(ApiKeyRecord k, string secret)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new(k.Id, k.AccountId, k.Name, k.Scopes, k.Prefix, k.CreatedAt, secret);
    }
}
