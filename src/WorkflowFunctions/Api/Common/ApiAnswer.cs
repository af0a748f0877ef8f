namespace WorkflowFunctions.Api.Common;

/// <summary>
/// The answer of an endpoint whose request decides its form (reference 002's <c>streaming</c>): one response, or a
/// stream of server-sent events.
/// </summary>
public sealed record ApiAnswer
{
    private ApiAnswer(ApiResponse? response, ServerSentEvents? events)
    {
        Response = response;
        Events = events;
    }

    public ApiResponse? Response { get; }

    public ServerSentEvents? Events { get; }

    public static ApiAnswer Once(ApiResponse response) => new(response ?? throw new ArgumentNullException(nameof(response)), null);

    public static ApiAnswer Stream(ServerSentEvents events) => new(null, events ?? throw new ArgumentNullException(nameof(events)));
}
