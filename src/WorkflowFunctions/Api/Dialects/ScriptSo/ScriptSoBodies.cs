using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// The request bodies of reference 004: an execution's <c>{"input": {...}}</c> and a batch's <c>{"items": [...],
/// "concurrency": "low" | "medium" | "high"}</c>. Members the document does not name are ignored.
/// </summary>
public static class ScriptSoBodies
{
    /// <summary>The concurrency of a batch that names none.</summary>
    public const string DefaultConcurrency = "medium";

    /// <summary>
    /// The input of <c>POST /workflows/{id}/executions</c>: the body's <c>input</c>; an empty body, or no or a null
    /// <c>input</c>, is no input (<c>{}</c>). The run input rules judge the value itself.
    /// </summary>
    public static Outcome<JsonNode?> Input(JsonElement? body)
    {
        if (body is not { } json)
        {
            return (JsonNode?)null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Failure.BadRequest("The body must be a JSON object: {\"input\": {...}}.");
        }

        return json.TryGetProperty("input", out var input) && input.ValueKind != JsonValueKind.Null ? JsonNode.Parse(input.GetRawText()) : null;
    }

    /// <summary>
    /// The items (bare inputs, 1 to <paramref name="maxItems"/>) and concurrency (<c>low</c> 1, <c>medium</c> 5, the
    /// default, <c>high</c> 15) of <c>POST /workflows/{id}/executions/batch</c>.
    /// </summary>
    public static Outcome<(IReadOnlyList<JsonNode?> Items, int Concurrency)> Batch(JsonElement? body, int maxItems)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return Failure.BadRequest("The body must be a JSON object: {\"items\": [{...}, ...], \"concurrency\": \"low\" | \"medium\" | \"high\"}.");
        }

        if (!json.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return Failure.BadRequest("'items' is required: an array of inputs, one per execution.");
        }

        var count = items.GetArrayLength();
        if (count == 0 || count > maxItems)
        {
            return Failure.BadRequest($"'items' must hold 1 to {maxItems} inputs; it holds {count}.");
        }

        var word = DefaultConcurrency;
        if (json.TryGetProperty("concurrency", out var concurrency) && concurrency.ValueKind != JsonValueKind.Null)
        {
            word = concurrency.ValueKind == JsonValueKind.String ? concurrency.GetString()! : string.Empty;
        }

        if (BatchRequest.ConcurrencyOf(word) is not { } level)
        {
            return Failure.BadRequest("'concurrency' must be \"low\", \"medium\" or \"high\".");
        }

        IReadOnlyList<JsonNode?> inputs = [.. items.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(e.GetRawText()))];
        return (inputs, level);
    }
}
