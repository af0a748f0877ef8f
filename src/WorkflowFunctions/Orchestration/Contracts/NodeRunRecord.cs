using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// One node's outcome within a run: reference 003's per-node object (<c>{id, status, result: {content}}</c>)
/// plus timing, attempts and errors.
/// </summary>
public sealed record NodeRunRecord
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [JsonPropertyName("status")]
    [JsonConverter(typeof(SnakeCaseEnumConverter<NodeStatus>))]
    public NodeStatus Status { get; init; }

    /// <summary>The node's result (<c>{content, ...}</c>); present when the node succeeded.</summary>
    [JsonPropertyName("result")]
    public JsonObject? Result { get; init; }

    /// <summary>Why the node failed or was cancelled.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("started_at")]
    public DateTime? StartedAt { get; init; }

    [JsonPropertyName("completed_at")]
    public DateTime? CompletedAt { get; init; }

    /// <summary>How many times the node's activity ran (retries included); 0 for nodes evaluated in the orchestrator or never started.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    /// <summary>The sub-run of a <c>workflow-node</c>.</summary>
    [JsonPropertyName("child_run_id")]
    public string? ChildRunId { get; init; }
}
