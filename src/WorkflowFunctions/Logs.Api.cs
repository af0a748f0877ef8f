using Microsoft.Extensions.Logging;

namespace WorkflowFunctions;

/// <summary>Log messages of the HTTP APIs (event IDs 1300-1399). Messages never carry API keys or request bodies.</summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 1300,
        Level = LogLevel.Warning,
        Message = "{Method} {Path} was answered 503: a dependency did not answer")]
    public static partial void DependencyDidNotAnswer(ILogger logger, string method, string path, Exception exception);
}
