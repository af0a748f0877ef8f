using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// Where one node's events sit in its run's event feed: started, waiting (approval), each retry, and its end
/// (succeeded, failed, skipped or cancelled, as the node's status says). The orchestrator numbers every event as
/// it happens, so a replay numbers them the same; the run's progress and its result carry the same timelines,
/// and every reader derives the same feed from them (see <c>Runs.RunFeed</c>).
/// </summary>
public sealed record NodeTimeline
{
    [JsonPropertyName("start")]
    public EventMark? Start { get; init; }

    [JsonPropertyName("wait")]
    public EventMark? Wait { get; init; }

    [JsonPropertyName("retries")]
    public IReadOnlyList<RetryMark>? Retries { get; init; }

    [JsonPropertyName("end")]
    public EventMark? End { get; init; }
}
