using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>One message of a <c>text/event-stream</c> as a client parses it; a comment line is a message with <see cref="Comment"/>.</summary>
internal sealed record SseMessage(string? Id, string? Event, string Data, int? Retry, string? Comment = null)
{
    public int Seq => int.Parse(Id!, CultureInfo.InvariantCulture);

    public JsonNode Json => JsonNode.Parse(Data)!;

    public string? NodeId => Json["node_id"]?.GetValue<string>();
}

/// <summary>
/// A server-sent event stream read over real HTTP the way a client reads it (line by line, as bytes arrive), with a
/// deadline on every read so a test never hangs on a stream that does not end.
/// </summary>
internal sealed class EventStreamClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader? _reader;

    private EventStreamClient(HttpClient http, HttpResponseMessage response, StreamReader? reader, string body)
    {
        _http = http;
        _response = response;
        _reader = reader;
        Body = body;
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? MediaType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The body of an answer that is not a stream (an error), read whole.</summary>
    public string Body { get; }

    /// <summary>Every message read so far, comments included.</summary>
    public List<SseMessage> Messages { get; } = [];

    /// <summary>The events (not comments) read so far.</summary>
    public IEnumerable<SseMessage> Events => Messages.Where(m => m.Comment is null);

    /// <summary>Whether the server ended the stream.</summary>
    public bool Ended { get; private set; }

    public static async Task<EventStreamClient> OpenAsync(Uri baseAddress, string path, string key, string? lastEventId = null)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/" + path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add("x-api-key", key);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return new EventStreamClient(http, response, null, await response.Content.ReadAsStringAsync(limit.Token)) { Ended = true };
        }

        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token), Encoding.UTF8);
        return new EventStreamClient(http, response, reader, string.Empty);
    }

    /// <summary>The next message, or null when the stream ended; fails the test when none arrives within <paramref name="within"/>.</summary>
    public async Task<SseMessage?> NextAsync(TimeSpan within)
    {
        if (Ended || _reader is null)
        {
            return null;
        }

        using var limit = new CancellationTokenSource(within > TimeSpan.Zero ? within : TimeSpan.Zero);
        string? id = null, name = null, retry = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No stream message within {within.TotalSeconds} s; read so far: {string.Join(" | ", Messages.Select(m => m.Event ?? m.Comment))}");
                return null;
            }

            if (line is null)
            {
                Ended = true;
                return null;
            }

            if (line.Length == 0)
            {
                if (id is null && name is null && data.Count == 0 && retry is null)
                {
                    continue;
                }

                var message = new SseMessage(id, name, string.Join('\n', data), retry is null ? null : int.Parse(retry, CultureInfo.InvariantCulture));
                Messages.Add(message);
                return message;
            }

            if (line.StartsWith(':'))
            {
                var comment = new SseMessage(null, null, string.Empty, null, line[1..].Trim());
                Messages.Add(comment);
                return comment;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
                case "retry":
                    retry = value;
                    break;
            }
        }
    }

    /// <summary>The next event (comments skipped), or null at the end of the stream.</summary>
    public async Task<SseMessage?> NextEventAsync(TimeSpan within)
    {
        while (await NextAsync(within) is { } message)
        {
            if (message.Comment is null)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Reads events until <paramref name="until"/> holds for one (returned), failing the test at the deadline or at the end of the stream.</summary>
    public async Task<SseMessage> ReadUntilAsync(Func<SseMessage, bool> until, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (await NextEventAsync(deadline - DateTime.UtcNow) is { } message)
        {
            if (until(message))
            {
                return message;
            }
        }

        Assert.Fail($"The stream ended before the expected event; read: {string.Join(" | ", Events.Select(m => m.Event))}");
        return null!;
    }

    /// <summary>Reads to the end of the stream, failing the test if it does not end within <paramref name="within"/>.</summary>
    public async Task<List<SseMessage>> ReadToEndAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (await NextAsync(deadline - DateTime.UtcNow) is not null)
        {
        }

        return [.. Events];
    }

    public ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
