using System.Collections.Concurrent;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// The Functions host's limit on a custom status, which the LocalHost's sidecar does not enforce: the Durable extension
/// fails an orchestration whose custom status is over 16 KB of UTF-16 (<c>ValidateCustomStatusSize</c>, "CustomStatus
/// is too large"). The LocalHost lets such an episode through but logs an error and remembers the instance, so a
/// status that would fail a run on Azure shows here, and the test fixtures fail on it.
/// </summary>
public sealed class CustomStatusLimit(ILogger logger)
{
    /// <summary>The host's limit: 16 KB of UTF-16.</summary>
    public const int MaxUtf16Bytes = 16 * 1024;

    private readonly ConcurrentQueue<string> _exceeded = new();

    /// <summary>Instances that set a custom status over the limit, with its size (at most the first 100).</summary>
    public IReadOnlyCollection<string> Exceeded => _exceeded;

    internal void Check(string instanceId, string? customStatus)
    {
        // Every UTF-16 code unit is two bytes (the host measures Encoding.Unicode's byte count, which is the same).
        var bytes = (customStatus?.Length ?? 0) * 2;
        if (bytes <= MaxUtf16Bytes)
        {
            return;
        }

        if (_exceeded.Count < 100)
        {
            _exceeded.Enqueue($"{instanceId}: {bytes:N0} bytes of UTF-16");
        }

        Logs.CustomStatusTooLarge(logger, instanceId, bytes, MaxUtf16Bytes);
    }
}

internal static partial class Logs
{
    [LoggerMessage(
        EventId = 2001,
        Level = LogLevel.Error,
        Message = "Orchestration {InstanceId} set a custom status of {Bytes} bytes of UTF-16; the Functions host fails an orchestration over {Limit}")]
    public static partial void CustomStatusTooLarge(ILogger logger, string instanceId, int bytes, int limit);
}
