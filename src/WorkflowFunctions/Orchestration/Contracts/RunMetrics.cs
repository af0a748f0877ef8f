using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// Run totals. Cost and tokens are summed over succeeded node results that report them
/// (<c>result.cost</c> in USD, <c>result.usage.input_tokens</c> / <c>output_tokens</c>); a sub-run's totals
/// arrive through its <c>workflow-node</c>'s result the same way.
/// </summary>
public sealed record RunMetrics
{
    [JsonPropertyName("duration_ms")]
    public long DurationMs { get; init; }

    [JsonPropertyName("total_cost")]
    public decimal TotalCost { get; init; }

    [JsonPropertyName("input_tokens")]
    public long InputTokens { get; init; }

    [JsonPropertyName("output_tokens")]
    public long OutputTokens { get; init; }
}
