using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// Writes <see cref="ServerSentEvents"/> as <c>text/event-stream</c>, flushing each event as it comes: a comment line
/// (<c>: heartbeat</c>) whenever nothing was written for <c>heartbeat</c>, so proxies and clients keep an idle
/// connection open; and at <c>duration</c>, if the events have not ended by then, the stream's reconnect message,
/// after which it ends cleanly. Every dialect that streams writes through this (native SSE, and the reference APIs'
/// streams), and it is an <see cref="IActionResult"/>, so the Functions host and the LocalHost both run it.
/// </summary>
public sealed class ServerSentEventsResult(ServerSentEvents stream, TimeSpan heartbeat, TimeSpan duration, TimeProvider time) : IActionResult
{
    public const string ContentType = "text/event-stream; charset=utf-8";
    private static readonly byte[] HeartbeatLine = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var response = http.Response;
        if (ReferenceEquals(stream, ServerSentEvents.Finished))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(http.RequestAborted).ConfigureAwait(false);

        var deadline = time.GetUtcNow() + duration;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var events = stream.Events(stop.Token).GetAsyncEnumerator(stop.Token);
        string? lastId = null;
        try
        {
            var next = events.MoveNextAsync().AsTask();
            while (true)
            {
                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    await WriteAsync(response, stream.Reconnect(lastId), stop.Token).ConfigureAwait(false);
                    return;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var tick = Task.Delay(remaining < heartbeat ? remaining : heartbeat, time, wait.Token);
                if (await Task.WhenAny(next, tick).ConfigureAwait(false) == tick)
                {
                    if (time.GetUtcNow() < deadline)
                    {
                        await response.Body.WriteAsync(HeartbeatLine, stop.Token).ConfigureAwait(false);
                        await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                    }

                    continue;
                }

                await wait.CancelAsync().ConfigureAwait(false);
                if (!await next.ConfigureAwait(false))
                {
                    return;
                }

                var message = events.Current;
                lastId = message.Id ?? lastId;
                await WriteAsync(response, message, stop.Token).ConfigureAwait(false);
                next = events.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A source still waiting when the stream ended.
            }
        }
    }

    /// <summary>The message as the wire format has it: fields, one <c>data:</c> line per line of data, a blank line.</summary>
    public static string Format(ServerSentEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        if (message.Id is { } id)
        {
            text.Append("id: ").Append(id).Append('\n');
        }

        if (message.Event is { } name)
        {
            text.Append("event: ").Append(name).Append('\n');
        }

        if (message.RetryMs is { } retry)
        {
            text.Append("retry: ").Append(retry.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var line in message.Data.Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return text.Append('\n').ToString();
    }

    private static async Task WriteAsync(HttpResponse response, ServerSentEvent message, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Format(message)), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
