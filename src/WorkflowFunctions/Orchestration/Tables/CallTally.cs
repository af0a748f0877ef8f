using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>Sums the <c>cost</c> and <c>usage</c> of row calls' results, as run metrics sum them for nodes.</summary>
internal sealed class CallTally
{
    public decimal Cost { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public void Add(JsonObject? result)
    {
        Cost += Number(result?["cost"]) ?? 0;
        var usage = result?["usage"] as JsonObject;
        InputTokens += (long)(Number(usage?["input_tokens"]) ?? 0);
        OutputTokens += (long)(Number(usage?["output_tokens"]) ?? 0);
    }

    public void Add(MapRowsResult chunk)
    {
        Cost += chunk.Cost;
        InputTokens += chunk.InputTokens;
        OutputTokens += chunk.OutputTokens;
    }

    // Parsed from the JSON text: a JsonValue built from a double does not convert to decimal directly.
    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value
        && value.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
