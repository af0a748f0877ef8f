using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The <c>CompleteBatch</c> activity's input.</summary>
public sealed record BatchCompletion(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("cancelled")] bool Cancelled,
    [property: JsonPropertyName("error")] string? Error = null);
