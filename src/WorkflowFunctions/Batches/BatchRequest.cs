using System.Text.Json.Nodes;

namespace WorkflowFunctions.Batches;

/// <summary>
/// A batch to start: its items (each a run input), how many may run at once, and an optional per-run timeout.
/// Every API reads its own body into this.
/// </summary>
public sealed record BatchRequest(IReadOnlyList<JsonNode?> Items, int Concurrency, int? TimeoutSeconds)
{
    /// <summary>The most runs of one batch in flight at once.</summary>
    public const int MaxConcurrency = 50;

    /// <summary>The concurrency a word names: <c>low</c> 1, <c>medium</c> 5, <c>high</c> 15; null for any other word.</summary>
    public static int? ConcurrencyOf(string? word) => word switch { "low" => 1, "medium" => 5, "high" => 15, _ => null };
}
