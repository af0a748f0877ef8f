using Azure.Data.Tables;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage.Idempotency;

/// <summary>
/// Idempotency records: partition = account, row key = <c>{operation}~{sha256 of the key}</c>. A request claims
/// the key with an insert (so two concurrent requests cannot both proceed), and completes it with the response
/// it sent. Records expire after <see cref="Retention"/>; a claim left pending by a crashed request is taken over
/// after <see cref="AbandonedAfter"/>.
/// </summary>
public sealed class IdempotencyStore(StorageTables storage, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);
    private readonly ITableStore _table = storage.Idempotency;
    private readonly LargeText _text = new(storage.Payloads, storage.Options.InlineTextLimit);

    public async Task<IdempotencyOutcome> ClaimAsync(string accountId, string operation, string key, string requestHash, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(operation, key);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = time.GetUtcNow();
            var existing = await _table.GetAsync(accountId, rowKey, cancellationToken).ConfigureAwait(false);
            var claim = new TableEntity(accountId, rowKey) { ["RequestHash"] = requestHash, ["State"] = "pending", ["CreatedAt"] = now };
            try
            {
                if (existing is null)
                {
                    await _table.AddAsync(claim, cancellationToken).ConfigureAwait(false);
                    return new IdempotencyOutcome(IdempotencyDecision.Proceed);
                }

                var created = existing.GetDateTimeOffset("CreatedAt") ?? default;
                var pending = existing.GetString("State") == "pending";
                if (now - created > Retention || (pending && now - created > AbandonedAfter))
                {
                    await _table.ReplaceAsync(claim, existing.ETag, cancellationToken).ConfigureAwait(false);
                    return new IdempotencyOutcome(IdempotencyDecision.Proceed);
                }
            }
            catch (TableConflictException)
            {
                continue;
            }

            if (existing.GetString("RequestHash") != requestHash)
            {
                return new IdempotencyOutcome(IdempotencyDecision.Mismatch);
            }

            if (existing.GetString("State") == "pending")
            {
                return new IdempotencyOutcome(IdempotencyDecision.InProgress);
            }

            var body = await _text.ReadAsync(existing, "Body", cancellationToken).ConfigureAwait(false);
            return new IdempotencyOutcome(IdempotencyDecision.Replay, existing.GetInt32("Status") ?? 200, body, existing.GetString("Location"));
        }

        return new IdempotencyOutcome(IdempotencyDecision.InProgress);
    }

    /// <summary>Stores the response of a claimed request, to be replayed for the same key and body.</summary>
    public async Task CompleteAsync(
        string accountId, string operation, string key, string requestHash, int status, string body, string? location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var rowKey = RowKey(operation, key);
        var row = new TableEntity(accountId, rowKey)
        {
            ["RequestHash"] = requestHash,
            ["State"] = "done",
            ["CreatedAt"] = time.GetUtcNow(),
            ["Status"] = status,
        };
        if (location is not null)
        {
            row["Location"] = location;
        }

        await _text.WriteAsync(row, "Body", body, $"idempotency/{accountId}/{rowKey.Replace('~', '-')}.json", cancellationToken).ConfigureAwait(false);
        await _table.UpsertAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops a claim whose request failed, so the client can retry with the same key.</summary>
    public Task ReleaseAsync(string accountId, string operation, string key, CancellationToken cancellationToken) =>
        _table.DeleteAsync(accountId, RowKey(operation, key), cancellationToken);

    private static string RowKey(string operation, string key) => operation + "~" + StorageKeys.Sha256(key);
}
