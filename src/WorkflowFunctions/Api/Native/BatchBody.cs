using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// The body of <c>POST /workflows/{id}/batches</c>: <c>items</c> (1 to the limit; each a run input),
/// <c>concurrency</c> (<c>low</c> 1, <c>medium</c> 5, <c>high</c> 15, or 1..50; default <c>medium</c>) and an
/// optional per-run <c>timeout_seconds</c>.
/// </summary>
public sealed record BatchBody(IReadOnlyList<JsonNode?> Items, int Concurrency, int? TimeoutSeconds)
{
    public const int MaxConcurrency = 50;

    public static (BatchBody? Body, IActionResult? Error) Read(JsonElement? json, int maxItems)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return (null, ApiErrors.BadRequest("The body must be {\"items\": [<input>, ...], \"concurrency\": \"low\" | \"medium\" | \"high\" | 1-50}."));
        }

        if (!body.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return (null, ApiErrors.BadRequest("'items' is required: an array of run inputs.", new[] { new FieldError("items", "an array of run inputs") }));
        }

        var count = items.GetArrayLength();
        if (count == 0 || count > maxItems)
        {
            return (null, ApiErrors.BadRequest($"'items' must hold 1 to {maxItems} inputs; it holds {count}.", new[] { new FieldError("items", $"1 to {maxItems} inputs") }));
        }

        var concurrency = 5;
        if (body.TryGetProperty("concurrency", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            int? parsed = c.ValueKind switch
            {
                JsonValueKind.String => c.GetString() switch { "low" => 1, "medium" => 5, "high" => 15, _ => null },
                JsonValueKind.Number when c.TryGetInt32(out var n) && n is >= 1 and <= MaxConcurrency => n,
                _ => null,
            };
            if (parsed is null)
            {
                return (null, ApiErrors.BadRequest($"'concurrency' must be \"low\", \"medium\", \"high\" or an integer from 1 to {MaxConcurrency}.", new[] { new FieldError("concurrency", "low, medium, high or 1-50") }));
            }

            concurrency = parsed.Value;
        }

        int? timeout = null;
        if (body.TryGetProperty("timeout_seconds", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out var seconds))
            {
                return (null, ApiErrors.BadRequest("'timeout_seconds' must be an integer.", new[] { new FieldError("timeout_seconds", "an integer") }));
            }

            timeout = seconds;
        }

        var inputs = items.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(e.GetRawText())).ToList();
        return (new BatchBody(inputs, concurrency, timeout), null);
    }
}
