using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>
/// The body of <c>POST /v1/workflow/run</c>: <c>workflowId</c> (required: a workflow id <c>wf_...</c>, or its integer
/// alias as a string or a number) and <c>variables</c> (optional: an object of values for the trigger's input
/// fields, validated and coerced as any run input; <c>null</c> is none). Other members are ignored.
/// </summary>
public sealed record ScaleRunBody(string WorkflowId, JsonNode? Variables)
{
    public const int MaxWorkflowId = 200;

    public static Outcome<ScaleRunBody> Read(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return Failure.BadRequest("The body must be a JSON object: {\"workflowId\": \"...\", \"variables\": {...}}.");
        }

        if (!body.TryGetProperty("workflowId", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return Failure.BadRequest("'workflowId' is required.", new FieldError("workflowId", "This field is required."));
        }

        var workflow = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString()!.Trim(),
            JsonValueKind.Number when id.TryGetInt32(out var alias) && alias > 0 => alias.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (string.IsNullOrEmpty(workflow) || workflow.Length > MaxWorkflowId)
        {
            return Failure.BadRequest(
                $"'workflowId' must be a workflow id (wf_...) or its integer alias, up to {MaxWorkflowId} characters.",
                new FieldError("workflowId", "Not a valid workflow id."));
        }

        if (!body.TryGetProperty("variables", out var variables) || variables.ValueKind == JsonValueKind.Null)
        {
            return new ScaleRunBody(workflow, null);
        }

        return variables.ValueKind == JsonValueKind.Object
            ? new ScaleRunBody(workflow, JsonObject.Create(variables))
            : Failure.BadRequest("'variables' must be an object of variable names to values.", new FieldError("variables", "Expected an object."));
    }
}
