using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// Run totals. Cost and tokens are summed over succeeded node results that report them
/// (<c>result.cost</c> in USD, <c>result.usage.input_tokens</c> / <c>output_tokens</c>); a sub-run's totals
/// arrive through its <c>workflow-node</c>'s result the same way. Sub-runs and node executions count the whole run
/// tree, against the run's budget (see <see cref="RunBudgetAccount"/>).
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

    /// <summary>Sub-runs started by this run and its sub-runs.</summary>
    [JsonPropertyName("sub_runs")]
    public int SubRuns { get; init; }

    /// <summary>Nodes executed by this run and its sub-runs.</summary>
    [JsonPropertyName("node_executions")]
    public int NodeExecutions { get; init; }
}
