using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.ApiKeys;
using WorkflowFunctions.Storage.Idempotency;

namespace WorkflowFunctions.Tests.Api;

/// <summary>
/// A dependency that does not answer (storage, the durable engine's client) is a 503 with <c>Retry-After</c> in the
/// API's own error shape, naming the dependency but not echoing its exception; a defect is not turned into one.
/// </summary>
public sealed class ApiEndpointTests
{
    private const string Key = "endpoint-test-key";
    private const string Secret = "sig=SECRET";
    private const string Url = "https://acct.table.core.windows.net/runs?" + Secret;

    public static TheoryData<Exception, string> DependencyFailures => new()
    {
        { new RequestFailedException(503, "Server busy: " + Url, "ServerBusy", null), "Storage answered 503 ServerBusy" },
        { new RequestFailedException("Connection refused: " + Url), "Storage could not be reached" },
        { new RpcException(new Status(StatusCode.Unavailable, Secret)), "The durable engine's client answered Unavailable" },
        { new TaskCanceledException(Secret), "A dependency timed out" },
    };

    [Theory]
    [MemberData(nameof(DependencyFailures))]
    public async Task HandleAsync_DependencyDidNotAnswer_503WithRetryAfterNamingItAndNotItsMessage(Exception failure, string named)
    {
        var request = Request();

        var result = await Endpoint().HandleAsync(request, NativeDialect.Instance, ApiKeyScopes.Read, _ => throw failure);

        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(503, content.StatusCode);
        Assert.Equal("5", request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Contains(named + "; the request may not have been carried out.", content.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, content.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_StorageBusyBeforeTheStream_503()
    {
        var result = await Endpoint().StreamAsync(
            Request(), NativeDialect.Instance, ApiKeyScopes.Read, _ => throw new RequestFailedException(500, "Internal", "InternalError", null));

        Assert.Equal(503, Assert.IsType<ContentResult>(result).StatusCode);
    }

    [Fact]
    public async Task HandleAsync_DefectOrAStorageAnswerThatIsNotTransient_NotTurnedInto503()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Endpoint().HandleAsync(
            Request(), NativeDialect.Instance, ApiKeyScopes.Read, _ => throw new InvalidOperationException("a bug")));
        await Assert.ThrowsAsync<RequestFailedException>(() => Endpoint().HandleAsync(
            Request(), NativeDialect.Instance, ApiKeyScopes.Read, _ => throw new RequestFailedException(400, "Bad", "InvalidInput", null)));
    }

    [Fact]
    public async Task HandleAsync_CallerGaveUp_CancellationIsNotA503()
    {
        using var aborted = new CancellationTokenSource();
        var request = Request();
        request.HttpContext.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => Endpoint().HandleAsync(
            request, NativeDialect.Instance, ApiKeyScopes.Read, _ => throw new TaskCanceledException()));
    }

    [Fact]
    public void Of_EveryDependencyFailure_IsUnavailableAndSaysWhenToRetry()
    {
        foreach (var failure in DependencyFailures.Select(row => (Exception)row[0]))
        {
            var unavailable = DependencyFailure.Of(failure, CancellationToken.None);
            Assert.Equal((FailureKind.Unavailable, DependencyFailure.RetryAfter), (unavailable?.Kind, unavailable?.RetryAfter));
        }
    }

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-api-key"] = Key;
        return context;
    }

    private static HttpRequest Request() => Context().Request;

    private static ApiEndpoint Endpoint()
    {
        var api = Options.Create(new ApiOptions());
        var keys = new KeyAuthenticator(
            Options.Create(new AuthOptions { BootstrapKey = Key }),
            new ApiKeyRepository(StorageTables.InMemory(), TimeProvider.System),
            new RequestRateLimiter(api, TimeProvider.System));
        return new ApiEndpoint(
            new ApiAuthenticator(keys),
            new IdempotentRequest(new IdempotencyStore(StorageTables.InMemory(), TimeProvider.System)),
            api,
            new ResponseLimits(api, new ConfigurationBuilder().Build()),
            TimeProvider.System,
            NullLogger<ApiEndpoint>.Instance);
    }
}
