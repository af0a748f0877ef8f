using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// One authenticated request as an endpoint sees it: the caller, its query, its body readers (within the
/// service's size limit), idempotency, and the durable client when the function binds one.
/// </summary>
public sealed class ApiCall
{
    private readonly IdempotentRequest _idempotency;
    private readonly ApiOptions _options;
    private readonly DurableTaskClient? _client;

    internal ApiCall(
        HttpRequest request,
        Caller caller,
        Dialect dialect,
        DurableTaskClient? client,
        IdempotentRequest idempotency,
        ApiOptions options,
        ResponseLimits limits)
    {
        Limits = limits;
        Request = request;
        Caller = caller;
        Dialect = dialect;
        Query = new QueryParameters(request);
        _client = client;
        _idempotency = idempotency;
        _options = options;
    }

    public HttpRequest Request { get; }

    public Caller Caller { get; }

    public Dialect Dialect { get; }

    /// <summary>The query, read strictly: check <see cref="QueryParameters.Failure"/> after reading it.</summary>
    public QueryParameters Query { get; }

    public ApiOptions Options => _options;

    /// <summary>How long this response may take (waits are cut to it; streams end within it).</summary>
    public ResponseLimits Limits { get; }

    public CancellationToken Cancellation => Request.HttpContext.RequestAborted;

    /// <summary>The durable client the function bound (<c>[DurableClient]</c>).</summary>
    public DurableTaskClient Durable => _client ?? throw new InvalidOperationException("This function binds no durable client.");

    /// <summary>The body as strict JSON (null when empty), within <paramref name="maxBytes"/> or the service's body limit.</summary>
    public Task<Outcome<JsonElement?>> ReadJsonAsync(int? maxBytes = null) => RequestBody.ReadJsonAsync(Request, maxBytes ?? _options.MaxBodyBytes);

    /// <summary>The body as JSON or, when <paramref name="allowText"/>, as <c>text/plain</c> text.</summary>
    public Task<Outcome<RequestContent>> ReadContentAsync(bool allowText = true) => RequestBody.ReadContentAsync(Request, _options.MaxBodyBytes, allowText);

    /// <summary>The body as UTF-8 text whatever its content type (null when empty), within the service's body limit.</summary>
    public Task<Outcome<string?>> ReadTextAsync() => RequestBody.ReadTextAsync(Request, _options.MaxBodyBytes);

    /// <summary>Runs a creating operation under the request's <c>Idempotency-Key</c>, if it has one.</summary>
    public Task<Outcome<ApiResponse>> IdempotentAsync(string operation, string fingerprint, Func<Task<Outcome<ApiResponse>>> action) =>
        _idempotency.RunAsync(Request, Caller, Dialect, operation, fingerprint, action);
}
