using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// What every event of one execute repeats: the caller's account (<c>organization_id</c>) and key (<c>actor</c>), the
/// workflow (a saved workflow's id; for a config run, its <c>workflow_key</c>, else <see cref="InlineWorkflowId"/>), the
/// environment and session, the inputs and config as sent, the saved revision, and whether the config was the empty
/// workflow (whose lone trigger is not shown).
/// </summary>
public sealed record ScoutExecution(
    string OrganizationId,
    string ActorId,
    string WorkflowId,
    string Environment,
    string SessionId,
    JsonNode Inputs,
    JsonNode WorkflowConfig,
    string? RevisionId,
    bool HidesStart)
{
    /// <summary>The <c>workflow_id</c> of a config run that names no <c>workflow_key</c>: nothing saved runs.</summary>
    public const string InlineWorkflowId = "inline";

    /// <summary>The run's tags in the run history (<c>GET /api/v1/runs/{id}</c> shows them): what a later reader can group by.</summary>
    public IReadOnlyDictionary<string, string> Tags(string? workflowKey)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["session_id"] = SessionId, ["environment"] = Environment };
        if (workflowKey is not null)
        {
            tags["workflow_key"] = workflowKey;
        }

        if (RevisionId is not null)
        {
            tags["revision_id"] = RevisionId;
        }

        return tags;
    }

    /// <summary>Whether a node is the caller's block (not the trigger standing in for an empty config).</summary>
    public bool Shows(string? nodeId) => nodeId is not null && !(HidesStart && nodeId == ScoutConfig.EmptyStartId);
}
