using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// What every HTTP function does around its one call: authenticate the request under its dialect's credential rules,
/// run the handler (which calls one command or reader and maps the result to the dialect's shape), and render the
/// outcome: a failure the dialect's way, a response with the dialect's JSON settings. Functions stay a line or two.
/// A dependency that does not answer (<see cref="DependencyFailure"/>) is a 503 with <c>Retry-After</c>, logged.
/// </summary>
public sealed class ApiEndpoint(
    ApiAuthenticator auth, IdempotentRequest idempotency, IOptions<ApiOptions> options, ResponseLimits limits, TimeProvider time, ILogger<ApiEndpoint> logger)
{
    public async Task<IActionResult> HandleAsync(
        HttpRequest request, Dialect dialect, string scope, Func<ApiCall, Task<Outcome<ApiResponse>>> handler, DurableTaskClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(handler);
        var outcome = await OutcomeAsync(request, dialect, scope, handler, client).ConfigureAwait(false);
        return Write(request, dialect, outcome);
    }

    /// <summary>
    /// The same for an endpoint that streams: a failure (unknown run, bad query) is answered the dialect's way before
    /// any byte of the stream; otherwise the events are written as server-sent events with heartbeats until they end
    /// or the stream's time limit (<see cref="ResponseLimits.StreamDuration"/>) comes first.
    /// </summary>
    public async Task<IActionResult> StreamAsync(
        HttpRequest request, Dialect dialect, string scope, Func<ApiCall, Task<Outcome<ServerSentEvents>>> handler, DurableTaskClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(handler);
        var outcome = await OutcomeAsync(request, dialect, scope, handler, client).ConfigureAwait(false);
        return outcome.Failure is { } failure
            ? Write(request, dialect, failure)
            : new ServerSentEventsResult(outcome.Value, limits.Heartbeat, limits.StreamDuration, time);
    }

    /// <summary>
    /// The same for an endpoint that answers once or streams as the request asks: a failure and a single response are
    /// written as <see cref="HandleAsync"/> writes them, events as <see cref="StreamAsync"/> does.
    /// </summary>
    public async Task<IActionResult> AnswerAsync(
        HttpRequest request, Dialect dialect, string scope, Func<ApiCall, Task<Outcome<ApiAnswer>>> handler, DurableTaskClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(handler);
        var outcome = await OutcomeAsync(request, dialect, scope, handler, client).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            return Write(request, dialect, failure);
        }

        return outcome.Value.Events is { } events
            ? new ServerSentEventsResult(events, limits.Heartbeat, limits.StreamDuration, time)
            : Write(request, dialect, outcome.Value.Response!);
    }

    /// <summary>Authenticates the caller and runs the handler; a dependency that did not answer is a failure, not an exception.</summary>
    private async Task<Outcome<T>> OutcomeAsync<T>(
        HttpRequest request, Dialect dialect, string scope, Func<ApiCall, Task<Outcome<T>>> handler, DurableTaskClient? client)
    {
        try
        {
            var caller = await auth.AuthenticateAsync(request, dialect, scope).ConfigureAwait(false);
            return caller.Failure is { } denied
                ? denied
                : await handler(new ApiCall(request, caller.Value, dialect, client, idempotency, options.Value, limits)).ConfigureAwait(false);
        }
        catch (Exception ex) when (DependencyFailure.Of(ex, request.HttpContext.RequestAborted) is { } unavailable)
        {
            Logs.DependencyDidNotAnswer(logger, request.Method, request.Path.Value ?? "/", ex);
            return unavailable;
        }
    }

    /// <summary>Renders an outcome: the response, or the dialect's answer to the failure.</summary>
    public static IActionResult Write(HttpRequest request, Dialect dialect, Outcome<ApiResponse> outcome)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dialect);
        var response = outcome.Failure is { } failure ? dialect.Render(failure) : outcome.Value;
        var headers = request.HttpContext.Response.Headers;
        if (response.Location is { } location)
        {
            headers.Location = location;
        }

        if (response.ETag is { } etag)
        {
            headers.ETag = etag;
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        if (response.Body is null && response.RawBody is null)
        {
            return new StatusCodeResult(response.Status);
        }

        return new ContentResult
        {
            StatusCode = response.Status,
            ContentType = response.ContentType,
            Content = response.RawBody ?? JsonSerializer.Serialize(response.Body, response.Body!.GetType(), dialect.Json),
        };
    }
}
