using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>API keys: both header forms, 401/403, keys created and revoked over HTTP, and accounts isolated from each other.</summary>
[Collection(ApiGroup.Name)]
public class AuthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Request_WithoutKey_Returns401()
    {
        var response = await fixture.Api.WithKey(null).GetAsync("v1/workflows");

        response.AssertProblem(HttpStatusCode.Unauthorized, "API key is required");
    }

    [Theory]
    [InlineData("wfk_unknownsecret")]
    [InlineData("not-a-key")]
    public async Task Request_WithUnknownKey_Returns401(string key)
    {
        var response = await fixture.Api.WithKey(key).GetAsync("v1/workflows");

        response.AssertProblem(HttpStatusCode.Unauthorized, "not valid");
    }

    [Fact]
    public async Task Request_WithBearerHeader_IsAuthenticated()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiHost.BootstrapKey);

        using var response = await http.GetAsync(new Uri("api/v1/node-types", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithXApiKeyHeader_IsAuthenticated()
    {
        var response = await fixture.Api.GetAsync("v1/node-types");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task ReadOnlyKey_Reading_IsAllowed()
    {
        var reader = await fixture.NewKeyAsync("default", "read");

        var response = await reader.GetAsync("v1/workflows");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task ReadOnlyKey_CreatingAWorkflow_Returns403NamingAdmin()
    {
        var reader = await fixture.NewKeyAsync("default", "read");

        var response = await reader.PostAsync("v1/workflows", new JsonObject { ["title"] = "x", ["data"] = Graphs.RawEcho() });

        response.AssertProblem(HttpStatusCode.Forbidden, "'admin'");
    }

    [Fact]
    public async Task ReadOnlyKey_StartingARun_Returns403NamingRun()
    {
        var workflow = await fixture.Api.CreateWorkflowAsync(Graphs.RawEcho());
        var reader = await fixture.NewKeyAsync("default", "read");

        var response = await reader.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject());

        response.AssertProblem(HttpStatusCode.Forbidden, "'run'");
    }

    [Fact]
    public async Task CreateKey_ShowsTheSecretOnceAndListsOnlyMetadata()
    {
        var created = await fixture.Api.PostAsync("v1/keys", new JsonObject { ["name"] = "ci", ["scopes"] = new JsonArray("read", "run") });

        var listed = await fixture.Api.GetAsync("v1/keys");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.StartsWith("wfk_", created.Text("key"), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/keys/{created.Text("id")}", created.Headers.Location!.OriginalString);
        var item = Assert.Single(listed.Items, k => k!["id"]!.GetValue<string>() == created.Text("id"));
        Assert.Equal(["read", "run"], item!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.All(listed.Items, k => Assert.Null(k!["key"]));
        Assert.DoesNotContain(created.Text("key"), listed.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKey_UnknownScope_Returns400()
    {
        var response = await fixture.Api.PostAsync("v1/keys", new JsonObject { ["name"] = "bad", ["scopes"] = new JsonArray("root") });

        response.AssertProblem(HttpStatusCode.BadRequest, "'scopes'");
    }

    [Fact]
    public async Task RevokeKey_ThenUsingIt_Returns401()
    {
        var created = await fixture.Api.PostAsync("v1/keys", new JsonObject { ["name"] = "short-lived", ["scopes"] = new JsonArray("read") });
        var key = fixture.Api.WithKey(created.Text("key"));
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("v1/workflows")).Status);

        var revoked = await fixture.Api.DeleteAsync($"v1/keys/{created.Text("id")}");
        var response = await key.GetAsync("v1/workflows");

        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        response.AssertProblem(HttpStatusCode.Unauthorized, "not valid");
    }

    [Fact]
    public async Task OtherAccount_CannotChangeOrRunWhatItCannotSee()
    {
        var mine = await fixture.NewKeyAsync("mine" + Guid.NewGuid().ToString("N")[..8], "admin");
        var workflow = await mine.CreateWorkflowAsync(Graphs.Approval(), "private");
        var run = await mine.StartRunAsync(workflow, null);
        await mine.PollUntilWaitingAsync(run, "a");
        var batch = (await mine.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject()) })).Text("id");
        var key = await mine.PostAsync("v1/keys", new JsonObject { ["name"] = "k", ["scopes"] = new JsonArray("read") });
        var other = await fixture.NewKeyAsync("theirs" + Guid.NewGuid().ToString("N")[..8], "admin");

        (await other.PatchAsync($"v1/workflows/{workflow}", new JsonObject { ["title"] = "taken" })).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.DeleteAsync($"v1/workflows/{workflow}")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.GetAsync($"v1/workflows/{workflow}/versions")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.GetAsync($"v1/workflows/{workflow}/input-fields")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.GetAsync($"v1/workflows/{workflow}/input-schema")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.GetAsync($"v1/workflows/{workflow}/validate")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.GetAsync($"v1/workflows/{workflow}/runs")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = new JsonArray(new JsonObject()) }))
            .AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.PostAsync($"v1/runs/{run}/approvals/a", new JsonObject { ["decision"] = "approve" })).AssertProblem(HttpStatusCode.NotFound, run);
        (await other.PostAsync($"v1/batches/{batch}/cancel", null)).AssertProblem(HttpStatusCode.NotFound, batch);
        (await other.DeleteAsync($"v1/keys/{key.Text("id")}")).AssertProblem(HttpStatusCode.NotFound, key.Text("id"));
        Assert.Empty(await other.ListAllAsync($"v1/runs?workflow_id={workflow}"));
        Assert.DoesNotContain(key.Text("id"), (await other.GetAsync("v1/keys")).Body!.ToJsonString(), StringComparison.Ordinal);
        var still = await mine.GetAsync($"v1/runs/{run}");
        await mine.PostAsync($"v1/runs/{run}/cancel", null);
        await mine.PostAsync($"v1/batches/{batch}/cancel", null);

        Assert.Equal("waiting", still.Text("status"));
        Assert.Equal("private", (await mine.GetAsync($"v1/workflows/{workflow}")).Text("title"));
    }

    [Theory]
    [InlineData("read")]
    [InlineData("run")]
    public async Task NonAdminKey_ManagingKeys_Returns403NamingAdmin(string scope)
    {
        var key = await fixture.NewKeyAsync("default", scope);

        var list = await key.GetAsync("v1/keys");
        var create = await key.PostAsync("v1/keys", new JsonObject { ["name"] = "x", ["scopes"] = new JsonArray("admin") });
        var revoke = await key.DeleteAsync("v1/keys/key_anything");

        list.AssertProblem(HttpStatusCode.Forbidden, "'admin'");
        create.AssertProblem(HttpStatusCode.Forbidden, "'admin'");
        revoke.AssertProblem(HttpStatusCode.Forbidden, "'admin'");
    }

    [Fact]
    public async Task RunKey_Reading_Returns403NamingRead()
    {
        var runner = await fixture.NewKeyAsync("default", "run");

        var response = await runner.GetAsync("v1/runs");

        response.AssertProblem(HttpStatusCode.Forbidden, "'read'");
    }

    [Fact]
    public async Task StoredAdminKey_CreatingAKeyForAnotherAccount_Returns403()
    {
        var admin = await fixture.NewKeyAsync("default", "admin");

        var response = await admin.PostAsync("v1/keys", new JsonObject { ["name"] = "x", ["scopes"] = new JsonArray("admin"), ["account_id"] = "elsewhere" });

        response.AssertProblem(HttpStatusCode.Forbidden, "bootstrap key");
    }

    [Fact]
    public async Task RevokeKey_Unknown_Returns404()
    {
        var response = await fixture.Api.DeleteAsync("v1/keys/key_doesnotexist");

        response.AssertProblem(HttpStatusCode.NotFound, "key_doesnotexist");
    }

    [Fact]
    public async Task OtherAccount_CannotSeeWorkflowsRunsOrBatches()
    {
        var mine = fixture.Api;
        var workflow = await mine.CreateWorkflowAsync(Graphs.Greeting(), "private");
        var run = await mine.StartRunAsync(workflow, new JsonObject { ["name"] = "secret" });
        var batch = (await mine.PostAsync(
            $"v1/workflows/{workflow}/batches",
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "b" }) })).Text("id");
        var other = await fixture.NewKeyAsync("other", "admin");
        var theirs = await other.CreateWorkflowAsync(Graphs.Greeting(), "theirs");

        (await other.GetAsync($"v1/workflows/{workflow}")).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.PostAsync($"v1/workflows/{workflow}/runs", new JsonObject { ["name"] = "x" })).AssertProblem(HttpStatusCode.NotFound, workflow);
        (await other.GetAsync($"v1/runs/{run}")).AssertProblem(HttpStatusCode.NotFound, run);
        (await other.PostAsync($"v1/runs/{run}/cancel", null)).AssertProblem(HttpStatusCode.NotFound, run);
        (await other.GetAsync($"v1/runs/{run}/result?timeout=0")).AssertProblem(HttpStatusCode.NotFound, run);
        (await other.GetAsync($"v1/batches/{batch}")).AssertProblem(HttpStatusCode.NotFound, batch);
        (await other.GetAsync($"v1/batches/{batch}/runs")).AssertProblem(HttpStatusCode.NotFound, batch);
        (await other.GetAsync($"v1/runs/{batch}-00000")).AssertProblem(HttpStatusCode.NotFound, batch);
        (await mine.GetAsync($"v1/workflows/{theirs}")).AssertProblem(HttpStatusCode.NotFound, theirs);
        Assert.Equal([theirs], (await other.ListAllAsync("v1/workflows")).Select(w => w["id"]!.GetValue<string>()));
        Assert.Empty(await other.ListAllAsync("v1/runs"));
        Assert.Empty(await other.ListAllAsync($"v1/runs?batch_id={batch}"));
        Assert.DoesNotContain(theirs, (await mine.ListAllAsync("v1/workflows")).Select(w => w["id"]!.GetValue<string>()));
    }
}
