using System.Globalization;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Execution;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// A batch segment's custom status: the items it has seen finish, in the order it saw them, each as its index
/// relative to <see cref="From"/> and a status letter (<c>s</c> succeeded, <c>f</c> failed, <c>c</c> cancelled),
/// comma-separated (<c>"0s,2s,1f"</c>: about 4 bytes an item, 2 KB for the largest segment). Segments run one after
/// another, so the segments' lists in order are the order every item of the batch finished: the batch's event feed.
/// </summary>
public sealed record BatchSegmentProgress
{
    [JsonPropertyName("from")]
    public int From { get; init; }

    [JsonPropertyName("finished")]
    public string Finished { get; init; } = string.Empty;

    public static char Code(RunStatus status) => status switch
    {
        RunStatus.Succeeded => 's',
        RunStatus.Cancelled => 'c',
        _ => 'f',
    };

    public static RunStatus Status(char code) => code switch
    {
        's' => RunStatus.Succeeded,
        'c' => RunStatus.Cancelled,
        _ => RunStatus.Failed,
    };

    /// <summary>The finished items in order: their batch index and status.</summary>
    public IEnumerable<(int Index, RunStatus Status)> Items()
    {
        foreach (var entry in Finished.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return (From + int.Parse(entry.AsSpan(0, entry.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture), Status(entry[^1]));
        }
    }
}
