using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Access;

/// <summary>
/// API keys of the caller's account. The secret is returned once, by <see cref="CreateAsync"/>, and is stored only
/// as a hash. The bootstrap key may create keys for another account: that is how an operator provisions accounts.
/// </summary>
public sealed class ApiKeyCommands(ApiKeyRepository keys)
{
    public async Task<Outcome<(ApiKeyRecord Key, string Secret)>> CreateAsync(
        Caller caller, string name, IReadOnlyList<string> scopes, string? accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var account = caller.AccountId;
        if (accountId is not null && accountId != account)
        {
            if (caller.KeyId != KeyAuthenticator.BootstrapKeyId)
            {
                return Failure.Forbidden("Only the bootstrap key may create keys for another account.");
            }

            if (!StorageKeys.IsKeySafe(accountId) || accountId.Length > 64)
            {
                return Failure.BadRequest(
                    "'account_id' must be 1 to 64 letters, digits, '-', '_' or '.'.",
                    new FieldError("account_id", "1 to 64 letters, digits, '-', '_' or '.'."));
            }

            account = accountId;
        }

        return await keys.CreateAsync(account, name, scopes, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return keys.ListAsync(caller.AccountId, cancellationToken);
    }

    public async Task<Outcome<bool>> RevokeAsync(Caller caller, string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await keys.RevokeAsync(caller.AccountId, keyId, cancellationToken).ConfigureAwait(false) ? true : Failure.NotFound("API key", keyId);
    }
}
