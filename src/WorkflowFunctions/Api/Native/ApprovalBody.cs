using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// The body of <c>POST /runs/{id}/approvals/{node_id}</c>: <c>{"decision": "approve"|"reject"}</c> or
/// <c>{"approved": true|false}</c>, with optional <c>data</c> that becomes the node's result data.
/// </summary>
public sealed record ApprovalBody(bool Approved, JsonNode? Data)
{
    /// <summary>The decision, or null when the body does not state one.</summary>
    public static ApprovalBody? Read(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return null;
        }

        bool? approved = null;
        if (body.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.String)
        {
            approved = decision.GetString() switch
            {
                "approve" or "approved" => true,
                "reject" or "rejected" => false,
                _ => null,
            };
        }
        else if (body.TryGetProperty("approved", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            approved = flag.GetBoolean();
        }

        if (approved is null)
        {
            return null;
        }

        var data = body.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? JsonNode.Parse(d.GetRawText()) : null;
        return new ApprovalBody(approved.Value, data);
    }
}
