using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.ApiKeys;

namespace WorkflowFunctions.Api.Native;

/// <summary>API keys of the caller's account (admin scope): create (the secret is shown once), list, revoke.</summary>
public sealed class KeyEndpoints(NativeApi api, ApiKeyCommands keys)
{
    [Function("CreateKey")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/keys")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
        {
            var body = (await call.ReadJsonAsync(64 * 1024)).Map(KeyBody.Read);
            var key = body.Failure is null ? body.Value : null;
            return body.Failure ?? key!.Failure ?? (await keys.CreateAsync(call.Caller, key.Name, key.Scopes, key.AccountId, call.Cancellation))
                .Map(created => ApiResponse.Created(KeyCreatedView.From(created.Key, created.Secret), NativeLinks.Key(created.Key.Id)));
        });

    [Function("ListKeys")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/keys")] HttpRequest request) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
            ApiResponse.Ok(new ItemsView<KeyView>((await keys.ListAsync(call.Caller, call.Cancellation)).Select(KeyView.From))));

    [Function("RevokeKey")]
    public Task<IActionResult> Revoke([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/keys/{id}")] HttpRequest request, string id) =>
        api.HandleAsync(request, ApiKeyScopes.Admin, async call =>
            (await keys.RevokeAsync(call.Caller, id, call.Cancellation)).Map(_ => ApiResponse.NoContent));
}

/// <summary>The body of <c>POST /keys</c>: <c>name</c>, <c>scopes</c> and, for the bootstrap key only, <c>account_id</c>.</summary>
public sealed record KeyBody(string Name, IReadOnlyList<string> Scopes, string? AccountId, Failure? Failure)
{
    public static KeyBody Read(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return Invalid(Failure.BadRequest("The body must be {\"name\": \"...\", \"scopes\": [\"read\", \"run\", \"admin\"]}."));
        }

        var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        if (name.Length is 0 or > 100)
        {
            return Invalid(Failure.BadRequest("'name' is required: 1 to 100 characters.", new FieldError("name", "1 to 100 characters.")));
        }

        if (!body.TryGetProperty("scopes", out var s) || s.ValueKind != JsonValueKind.Array || s.GetArrayLength() == 0
            || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !ApiKeyScopes.All.Contains(e.GetString()!)))
        {
            return Invalid(Failure.BadRequest(
                $"'scopes' must be a non-empty array of: {string.Join(", ", ApiKeyScopes.All)}.",
                new FieldError("scopes", "read, run and/or admin.")));
        }

        var hasAccount = body.TryGetProperty("account_id", out var a) && a.ValueKind != JsonValueKind.Null;
        if (hasAccount && a.ValueKind != JsonValueKind.String)
        {
            return Invalid(Failure.BadRequest("'account_id' must be a string: the account the new key acts for.", new FieldError("account_id", "a string")));
        }

        return new KeyBody(name, s.EnumerateArray().Select(e => e.GetString()!).ToList(), hasAccount ? a.GetString() : null, null);
    }

    private static KeyBody Invalid(Failure failure) => new(string.Empty, [], null, failure);
}
