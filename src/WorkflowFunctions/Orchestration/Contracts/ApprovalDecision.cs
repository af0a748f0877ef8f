using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The payload of an approval node's <see cref="RunEvents.Approval"/> event.</summary>
/// <param name="Approved">True approves (the node succeeds); false rejects (the node fails).</param>
/// <param name="Data">Optional data from the approver; becomes the node's <c>result.data</c> (and its content when approved).</param>
public sealed record ApprovalDecision(
    [property: JsonPropertyName("approved")] bool Approved,
    [property: JsonPropertyName("data")] JsonNode? Data = null);
