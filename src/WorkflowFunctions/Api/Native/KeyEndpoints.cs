using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// API keys of the caller's account (admin scope). The secret is returned once, by the create call, and is
/// stored only as a hash. The bootstrap key may create keys for another account (<c>account_id</c>): that is
/// how an operator provisions accounts.
/// </summary>
public sealed class KeyEndpoints(ApiAuthenticator auth, ApiKeyRepository keys)
{
    [Function("CreateKey")]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/keys")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Admin);
        if (denied is not null)
        {
            return denied;
        }

        var (json, error) = await RequestBody.ReadJsonAsync(request, 64 * 1024);
        if (error is not null)
        {
            return error;
        }

        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return ApiErrors.BadRequest("The body must be {\"name\": \"...\", \"scopes\": [\"read\", \"run\", \"admin\"]}.");
        }

        var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        if (name.Length is 0 or > 100)
        {
            return ApiErrors.BadRequest("'name' is required: 1 to 100 characters.", new[] { new FieldError("name", "1 to 100 characters.") });
        }

        if (!body.TryGetProperty("scopes", out var s) || s.ValueKind != JsonValueKind.Array || s.GetArrayLength() == 0
            || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !ApiKeyScopes.All.Contains(e.GetString()!)))
        {
            return ApiErrors.BadRequest($"'scopes' must be a non-empty array of: {string.Join(", ", ApiKeyScopes.All)}.", new[] { new FieldError("scopes", "read, run and/or admin.") });
        }

        var account = caller!.AccountId;
        var hasAccount = body.TryGetProperty("account_id", out var a) && a.ValueKind != JsonValueKind.Null;
        if (hasAccount && a.ValueKind != JsonValueKind.String)
        {
            return ApiErrors.BadRequest("'account_id' must be a string: the account the new key acts for.", new[] { new FieldError("account_id", "a string") });
        }

        if (hasAccount && a.GetString() != account)
        {
            if (caller.KeyId != ApiAuthenticator.BootstrapKeyId)
            {
                return ApiErrors.Forbidden("Only the bootstrap key may create keys for another account.");
            }

            account = a.GetString()!;
            if (!StorageKeys.IsKeySafe(account) || account.Length > 64)
            {
                return ApiErrors.BadRequest("'account_id' must be 1 to 64 letters, digits, '-', '_' or '.'.", new[] { new FieldError("account_id", "1 to 64 letters, digits, '-', '_' or '.'.") });
            }
        }

        var (key, secret) = await keys.CreateAsync(account, name, s.EnumerateArray().Select(e => e.GetString()!).ToList(), cancellationToken);
        request.HttpContext.Response.Headers.Location = $"/api/v1/keys/{key.Id}";
        return ApiResponses.Ok(new { id = key.Id, account_id = key.AccountId, name = key.Name, scopes = key.Scopes, prefix = key.Prefix, created_at = key.CreatedAt, key = secret }, 201);
    }

    [Function("ListKeys")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/keys")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Admin);
        if (denied is not null)
        {
            return denied;
        }

        var list = await keys.ListAsync(caller!.AccountId, cancellationToken);
        return ApiResponses.Ok(new { items = list.Select(k => new { id = k.Id, name = k.Name, scopes = k.Scopes, prefix = k.Prefix, created_at = k.CreatedAt }) });
    }

    [Function("RevokeKey")]
    public async Task<IActionResult> Revoke([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/keys/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, denied) = await auth.AuthorizeAsync(request, ApiKeyScopes.Admin);
        if (denied is not null)
        {
            return denied;
        }

        return await keys.RevokeAsync(caller!.AccountId, id, cancellationToken) ? new NoContentResult() : ApiErrors.NotFound("API key", id);
    }
}
