using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Reads the body of <c>POST /workflows/{id}/batches</c>: <c>items</c> (1 to the limit; each a run input), <c>concurrency</c>
/// (<c>low</c> 1, <c>medium</c> 5, <c>high</c> 15, or 1..50; default <c>medium</c>) and an optional per-run <c>timeout_seconds</c>.
/// </summary>
public static class BatchBody
{
    public static Outcome<BatchRequest> Read(JsonElement? json, int maxItems)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return Failure.BadRequest("The body must be {\"items\": [<input>, ...], \"concurrency\": \"low\" | \"medium\" | \"high\" | 1-50}.");
        }

        if (!body.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return Failure.BadRequest("'items' is required: an array of run inputs.", new FieldError("items", "an array of run inputs"));
        }

        var count = items.GetArrayLength();
        if (count == 0 || count > maxItems)
        {
            return Failure.BadRequest($"'items' must hold 1 to {maxItems} inputs; it holds {count}.", new FieldError("items", $"1 to {maxItems} inputs"));
        }

        var concurrency = 5;
        if (body.TryGetProperty("concurrency", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            int? parsed = c.ValueKind switch
            {
                JsonValueKind.String => BatchRequest.ConcurrencyOf(c.GetString()),
                JsonValueKind.Number when c.TryGetInt32(out var n) && n is >= 1 and <= BatchRequest.MaxConcurrency => n,
                _ => null,
            };
            if (parsed is null)
            {
                return Failure.BadRequest(
                    $"'concurrency' must be \"low\", \"medium\", \"high\" or an integer from 1 to {BatchRequest.MaxConcurrency}.",
                    new FieldError("concurrency", "low, medium, high or 1-50"));
            }

            concurrency = parsed.Value;
        }

        int? timeout = null;
        if (body.TryGetProperty("timeout_seconds", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out var seconds))
            {
                return Failure.BadRequest("'timeout_seconds' must be an integer.", new FieldError("timeout_seconds", "an integer"));
            }

            timeout = seconds;
        }

        var inputs = items.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(e.GetRawText())).ToList();
        return new BatchRequest(inputs, concurrency, timeout);
    }
}
