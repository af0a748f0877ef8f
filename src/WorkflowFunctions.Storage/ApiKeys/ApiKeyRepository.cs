using System.Security.Cryptography;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.ApiKeys;

/// <summary>
/// API keys. Two rows per key: <c>h~{sha256 of the key}</c> (the lookup a request makes) and
/// <c>a~{account}</c> / <c>{key id}</c> (the account's key list). Keys are 256-bit random secrets, so a plain
/// SHA-256 is a safe one-way index; the secret is returned once, by <see cref="CreateAsync"/>.
/// </summary>
public sealed class ApiKeyRepository(StorageTables storage, TimeProvider time)
{
    public const string KeyPrefix = "wfk_";
    private readonly ITableStore _table = storage.ApiKeys;

    /// <summary>Creates a key; the returned secret is not stored anywhere and cannot be shown again.</summary>
    public async Task<(ApiKeyRecord Key, string Secret)> CreateAsync(
        string accountId, string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new ApiKeyRecord
        {
            AccountId = accountId,
            Id = StorageKeys.NewId("key_"),
            Name = name,
            Scopes = scopes.Distinct(StringComparer.Ordinal).ToList(),
            Prefix = secret[..12],
            CreatedAt = time.GetUtcNow(),
        };
        var hash = StorageKeys.Sha256(secret);
        await _table.AddAsync(Fill(new TableEntity("h~" + hash, string.Empty), record), cancellationToken).ConfigureAwait(false);
        var listRow = Fill(new TableEntity("a~" + accountId, record.Id), record);
        listRow["Hash"] = hash;
        await _table.AddAsync(listRow, cancellationToken).ConfigureAwait(false);
        return (record, secret);
    }

    /// <summary>The key a request presented, or null when it is unknown or revoked.</summary>
    public async Task<ApiKeyRecord?> FindBySecretAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var row = await _table.GetAsync("h~" + StorageKeys.Sha256(secret), string.Empty, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        string? after = null;
        do
        {
            var page = await _table.QueryAsync(new TableQuery("a~" + accountId) { RowKeyAfter = after, Take = 1000 }, cancellationToken).ConfigureAwait(false);
            keys.AddRange(page.Rows.Select(ToRecord));
            after = page.ContinueAfter;
        }
        while (after is not null);
        return keys;
    }

    /// <summary>Revokes a key of the account; false when the account has no such key.</summary>
    public async Task<bool> RevokeAsync(string accountId, string keyId, CancellationToken cancellationToken)
    {
        if (!StorageKeys.IsKeySafe(keyId))
        {
            return false;
        }

        var row = await _table.GetAsync("a~" + accountId, keyId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        // The lookup row goes first: once it is gone the key no longer authenticates.
        await _table.DeleteAsync("h~" + row.GetString("Hash"), string.Empty, cancellationToken).ConfigureAwait(false);
        await _table.DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static TableEntity Fill(TableEntity row, ApiKeyRecord key)
    {
        row["AccountId"] = key.AccountId;
        row["KeyId"] = key.Id;
        row["Name"] = key.Name;
        row["Scopes"] = string.Join(' ', key.Scopes);
        row["Prefix"] = key.Prefix;
        row["CreatedAt"] = key.CreatedAt;
        return row;
    }

    private static ApiKeyRecord ToRecord(TableEntity row) => new()
    {
        AccountId = row.GetString("AccountId") ?? string.Empty,
        Id = row.GetString("KeyId") ?? string.Empty,
        Name = row.GetString("Name") ?? string.Empty,
        Scopes = (row.GetString("Scopes") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Prefix = row.GetString("Prefix") ?? string.Empty,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
    };
}
