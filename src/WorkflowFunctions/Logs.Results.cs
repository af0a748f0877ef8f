using Microsoft.Extensions.Logging;

namespace WorkflowFunctions;

/// <summary>Log messages of result files (event IDs 1400-1499). Messages never carry the signing secret or a signature.</summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 1400,
        Level = LogLevel.Warning,
        Message = "Results__SigningSecret is not set: result-file links are signed with a random key of this process and stop working when it restarts")]
    public static partial void ResultLinksSignedWithProcessKey(ILogger logger);

    [LoggerMessage(
        EventId = 1401,
        Level = LogLevel.Error,
        Message = "Results__SigningSecret is not set in Azure: runs are shown without result-file links and every download is refused until it is set")]
    public static partial void ResultLinksDisabled(ILogger logger);
}
