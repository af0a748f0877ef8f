using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.ApiKeys;

/// <summary>Creating, resolving, listing and revoking API keys; the secret itself is never stored.</summary>
public abstract class ApiKeyRepositoryTests(IStorageBackend backend) : StorageTests(backend)
{
    private readonly string _account = NewAccount();

    private ApiKeyRepository Repository => new(Storage, Time);

    [Fact]
    public async Task CreateAsync_ReturnedSecret_IsResolvedByFindBySecret()
    {
        var (key, secret) = await Repository.CreateAsync(_account, "ci", [ApiKeyScopes.Run, ApiKeyScopes.Read], default);

        var found = await Repository.FindBySecretAsync(secret, default);

        Assert.Equal(key.Id, found!.Id);
        Assert.Equal((_account, "ci", secret[..12], Start), (found.AccountId, found.Name, found.Prefix, found.CreatedAt));
        Assert.Equal([ApiKeyScopes.Run, ApiKeyScopes.Read], found.Scopes);
    }

    [Fact]
    public async Task CreateAsync_Secret_StartsWithKeyPrefixAndDiffersPerKey()
    {
        var (_, first) = await Repository.CreateAsync(_account, "a", [ApiKeyScopes.Read], default);
        var (_, second) = await Repository.CreateAsync(_account, "b", [ApiKeyScopes.Read], default);

        Assert.StartsWith(ApiKeyRepository.KeyPrefix, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task CreateAsync_Secret_IsNotStoredInAnyRow()
    {
        var recording = new PartitionRecordingTableStore(Storage.ApiKeys);
        var tables = new StorageTables(Storage.Backend, name => name == "apikeys" ? recording : TableOf(name), Storage.Payloads, Storage.Options);
        var (_, secret) = await new ApiKeyRepository(tables, Time).CreateAsync(_account, "ci", [ApiKeyScopes.Admin], default);

        var rows = await recording.ReadWrittenPartitionsAsync();

        Assert.Equal(2, rows.Count);
        var texts = rows.SelectMany(r => r.Select(p => p.Value?.ToString() ?? string.Empty).Append(r.PartitionKey).Append(r.RowKey));
        Assert.DoesNotContain(texts, t => t.Contains(secret[ApiKeyRepository.KeyPrefix.Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindBySecretAsync_UnknownSecret_ReturnsNull()
    {
        await Repository.CreateAsync(_account, "ci", [ApiKeyScopes.Read], default);

        var found = await Repository.FindBySecretAsync(ApiKeyRepository.KeyPrefix + "not-a-key", default);

        Assert.Null(found);
    }

    [Fact]
    public async Task ListAsync_TwoAccounts_ListsOnlyTheAccountsKeys()
    {
        var (first, _) = await Repository.CreateAsync(_account, "a", [ApiKeyScopes.Read], default);
        var (second, _) = await Repository.CreateAsync(_account, "b", [ApiKeyScopes.Run], default);
        await Repository.CreateAsync(NewAccount(), "other", [ApiKeyScopes.Admin], default);

        var keys = await Repository.ListAsync(_account, default);

        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), keys.Select(k => k.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RevokeAsync_OwnKey_StopsFindBySecretAndListing()
    {
        var (key, secret) = await Repository.CreateAsync(_account, "ci", [ApiKeyScopes.Read], default);

        var revoked = await Repository.RevokeAsync(_account, key.Id, default);

        Assert.True(revoked);
        Assert.Null(await Repository.FindBySecretAsync(secret, default));
        Assert.Empty(await Repository.ListAsync(_account, default));
    }

    [Fact]
    public async Task RevokeAsync_OtherAccountsKey_ReturnsFalseAndKeyStillWorks()
    {
        var (key, secret) = await Repository.CreateAsync(_account, "ci", [ApiKeyScopes.Read], default);

        var revoked = await Repository.RevokeAsync(NewAccount(), key.Id, default);

        Assert.False(revoked);
        Assert.NotNull(await Repository.FindBySecretAsync(secret, default));
    }

    [Fact]
    public async Task RevokeAsync_UnknownKey_ReturnsFalse()
    {
        var revoked = await Repository.RevokeAsync(_account, "key_missing", default);

        Assert.False(revoked);
    }

    private Storage.Tables.ITableStore TableOf(string name) => name switch
    {
        "workflows" => Storage.Workflows,
        "runs" => Storage.Runs,
        "batches" => Storage.Batches,
        _ => Storage.Idempotency,
    };

    public sealed class OnAzurite() : ApiKeyRepositoryTests(new AzuriteBackend());

    public sealed class InMemory() : ApiKeyRepositoryTests(new InMemoryBackend());
}
