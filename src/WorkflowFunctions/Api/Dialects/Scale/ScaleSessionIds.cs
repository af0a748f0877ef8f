namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>
/// A session is a run: its id is the run id behind the document's <c>compass-sess-</c> prefix. Lookups take the
/// session id or the bare run id (a run started through another API), so any run of the account can be read here.
/// </summary>
public static class ScaleSessionIds
{
    public const string Prefix = "compass-sess-";

    public static string Of(string runId) => Prefix + runId;

    public static string RunIdOf(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return sessionId.StartsWith(Prefix, StringComparison.Ordinal) ? sessionId[Prefix.Length..] : sessionId;
    }
}
