using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// The body of an execute: <c>workflow_config</c> (an object, required by <c>POST /v2/workflows/execute</c>, not read by
/// the execute of a saved workflow), <c>inputs</c> (an object of the trigger's input values, or null), <c>workflow_key</c>
/// (a string label, or null) and <c>streaming</c> (a boolean). Other members are ignored. Every problem is reported at
/// once, each where FastAPI would put it (<c>body.workflow_config</c>, <c>missing</c>).
/// </summary>
public sealed record ScoutExecuteBody(JsonElement? Config, JsonNode? Inputs, string? WorkflowKey, bool Streaming)
{
    public const int MaxWorkflowKey = 200;

    public static Outcome<ScoutExecuteBody> Read(Outcome<JsonElement?> json, bool withConfig, bool streamingByDefault)
    {
        if (json.Failure is { Kind: FailureKind.BadRequest } unreadable)
        {
            return Failure.BadRequest(unreadable.Message, new FieldError("body", unreadable.Message) { Code = "json_invalid" });
        }

        if (json.Failure is { } failure)
        {
            return failure;
        }

        if (json.Value is not { } value)
        {
            return withConfig
                ? Invalid(new FieldError("body", "Field required") { Code = "missing" })
                : new ScoutExecuteBody(null, null, null, streamingByDefault);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return Invalid(new FieldError("body", "Input should be a valid dictionary or object to extract fields from") { Code = "model_attributes_type" });
        }

        var problems = new List<FieldError>();
        JsonElement? config = null;
        if (withConfig)
        {
            if (!value.TryGetProperty("workflow_config", out var given))
            {
                problems.Add(new FieldError("body.workflow_config", "Field required") { Code = "missing" });
            }
            else if (given.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new FieldError("body.workflow_config", "Input should be a valid dictionary") { Code = "dict_type" });
            }
            else
            {
                config = given.Clone();
            }
        }

        JsonNode? inputs = null;
        if (value.TryGetProperty("inputs", out var givenInputs) && givenInputs.ValueKind != JsonValueKind.Null)
        {
            if (givenInputs.ValueKind == JsonValueKind.Object)
            {
                inputs = JsonNode.Parse(givenInputs.GetRawText());
            }
            else
            {
                problems.Add(new FieldError("body.inputs", "Input should be a valid dictionary") { Code = "dict_type" });
            }
        }

        string? key = null;
        if (value.TryGetProperty("workflow_key", out var givenKey) && givenKey.ValueKind != JsonValueKind.Null)
        {
            key = givenKey.ValueKind == JsonValueKind.String ? givenKey.GetString() : null;
            if (key is null)
            {
                problems.Add(new FieldError("body.workflow_key", "Input should be a valid string") { Code = "string_type" });
            }
            else if (key.Length is 0 or > MaxWorkflowKey || key.Any(char.IsControl))
            {
                problems.Add(
                    new FieldError("body.workflow_key", $"String should have 1 to {MaxWorkflowKey} printable characters") { Code = "string_too_long" });
                key = null;
            }
        }

        var streaming = streamingByDefault;
        if (value.TryGetProperty("streaming", out var givenStreaming) && givenStreaming.ValueKind != JsonValueKind.Null)
        {
            if (givenStreaming.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                streaming = givenStreaming.GetBoolean();
            }
            else
            {
                problems.Add(new FieldError("body.streaming", "Input should be a valid boolean") { Code = "bool_type" });
            }
        }

        return problems.Count > 0 ? Invalid([.. problems]) : new ScoutExecuteBody(config, inputs, key, streaming);
    }

    private static Failure Invalid(params FieldError[] problems) => Failure.BadRequest(problems[0].Message, problems);
}
