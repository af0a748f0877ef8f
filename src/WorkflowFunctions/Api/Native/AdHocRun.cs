using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// The body of <c>POST /api/v1/runs</c>: an ad-hoc <c>definition</c>, its <c>input</c> and an optional
/// <c>timeout_seconds</c>; <see cref="Failure"/> says what is wrong with it.
/// </summary>
public sealed record AdHocRun(JsonElement Definition, JsonNode? Input, int? TimeoutSeconds, string Fingerprint, Failure? Failure)
{
    public static AdHocRun Read(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body
            || !body.TryGetProperty("definition", out var definition)
            || definition.ValueKind != JsonValueKind.Object)
        {
            return Invalid("'definition' is required and must be a workflow definition object.");
        }

        int? timeoutSeconds = null;
        if (body.TryGetProperty("timeout_seconds", out var timeout) && timeout.ValueKind != JsonValueKind.Null)
        {
            if (timeout.ValueKind != JsonValueKind.Number || !timeout.TryGetInt32(out var seconds))
            {
                return Invalid("'timeout_seconds' must be an integer.");
            }

            timeoutSeconds = seconds;
        }

        var input = body.TryGetProperty("input", out var given) && given.ValueKind != JsonValueKind.Null ? JsonNode.Parse(given.GetRawText()) : null;
        return new AdHocRun(definition, input, timeoutSeconds, body.GetRawText(), null);
    }

    private static AdHocRun Invalid(string message) => new(default, null, null, string.Empty, Failure.BadRequest(message));
}
