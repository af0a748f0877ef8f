namespace WorkflowFunctions.Api.Common;

/// <summary>
/// One message of a <c>text/event-stream</c>: <c>id:</c> (what a reconnecting client sends back as
/// <c>Last-Event-ID</c>), <c>event:</c> (its type), <c>data:</c> (one line of JSON) and <c>retry:</c> (how long a
/// client waits before reconnecting, in milliseconds). Null fields are not written.
/// </summary>
public sealed record ServerSentEvent(string? Id, string? Event, string Data)
{
    public int? RetryMs { get; init; }
}
