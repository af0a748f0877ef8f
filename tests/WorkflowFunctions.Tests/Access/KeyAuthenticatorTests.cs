using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Tests.Access;

/// <summary>The account an API names beside the key (reference 000's <c>x-selected-account-id</c>) must be the key's own.</summary>
public sealed class KeyAuthenticatorTests
{
    private readonly ApiKeyRepository _keys = new(StorageTables.InMemory(), TimeProvider.System);

    [Theory]
    [InlineData(null)]
    [InlineData("acct")]
    public async Task AuthenticateAsync_NoClaimOrTheKeysAccount_Caller(string? claimed)
    {
        var (_, secret) = await _keys.CreateAsync("acct", "k", [ApiKeyScopes.Read], CancellationToken.None);

        var caller = await Authenticator().AuthenticateAsync(new Credentials(secret, claimed), ApiKeyScopes.Read, "no key", CancellationToken.None);

        Assert.Equal("acct", caller.Value.AccountId);
    }

    [Theory]
    [InlineData("other", "The account ID does not match the API key's account.")]
    [InlineData("", "Missing account ID: name the account the API key belongs to.")]
    public async Task AuthenticateAsync_ClaimOfAnotherOrNoAccount_UnauthorizedSayingWhich(string claimed, string message)
    {
        var (_, secret) = await _keys.CreateAsync("acct", "k", [ApiKeyScopes.Read], CancellationToken.None);

        var caller = await Authenticator().AuthenticateAsync(new Credentials(secret, claimed), ApiKeyScopes.Read, "no key", CancellationToken.None);

        Assert.Equal((FailureKind.Unauthorized, message), (caller.Failure?.Kind, caller.Failure?.Message));
    }

    private KeyAuthenticator Authenticator()
    {
        var api = Options.Create(new ApiOptions());
        return new KeyAuthenticator(Options.Create(new AuthOptions()), _keys, new RequestRateLimiter(api, TimeProvider.System));
    }
}
