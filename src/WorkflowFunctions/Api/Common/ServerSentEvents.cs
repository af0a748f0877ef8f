namespace WorkflowFunctions.Api.Common;

/// <summary>
/// An answer that is a stream of server-sent events: the events (the stream ends when they do) and the message
/// to end with when the stream reaches its time limit first, given the id of the last event sent (null when none
/// was), which tells the client how to continue. <see cref="Finished"/> answers 204 No Content, which tells an
/// <c>EventSource</c> client not to reconnect: there is nothing more to send, ever.
/// </summary>
public sealed record ServerSentEvents(Func<CancellationToken, IAsyncEnumerable<ServerSentEvent>> Events, Func<string?, ServerSentEvent> Reconnect)
{
    public static ServerSentEvents Finished { get; } = new(_ => AsyncEnumerable.Empty<ServerSentEvent>(), _ => new ServerSentEvent(null, null, string.Empty));
}
