using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Tables;

/// <summary>
/// What a chunk, or the whole map-rows orchestration, returns: each row's answer (its call's <c>content</c>; null
/// when it failed or never ran), the failed rows, and the calls' summed cost and tokens.
/// </summary>
public sealed record MapRowsResult
{
    [JsonPropertyName("answers")]
    public IReadOnlyList<string?> Answers { get; init; } = [];

    [JsonPropertyName("errors")]
    public IReadOnlyList<RowError> Errors { get; init; } = [];

    [JsonPropertyName("cost")]
    public decimal Cost { get; init; }

    [JsonPropertyName("input_tokens")]
    public long InputTokens { get; init; }

    [JsonPropertyName("output_tokens")]
    public long OutputTokens { get; init; }

    /// <summary>The work stopped on a <c>cancel</c> event before every row ran.</summary>
    [JsonPropertyName("cancelled")]
    public bool Cancelled { get; init; }
}
