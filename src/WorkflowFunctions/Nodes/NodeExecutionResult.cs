using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Nodes;

/// <summary>
/// What an executor produced: a result object (<c>{content, ...}</c> as in reference 003; add <c>cost</c> in USD
/// and <c>usage: {input_tokens, output_tokens}</c> to count towards run metrics) or a failure.
/// </summary>
public sealed record NodeExecutionResult
{
    [JsonPropertyName("succeeded")]
    public bool Succeeded { get; init; }

    [JsonPropertyName("result")]
    public JsonObject? Result { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>Whether another attempt could succeed (a timeout, a 5xx); configuration errors are not retryable.</summary>
    [JsonPropertyName("retryable")]
    public bool Retryable { get; init; }

    public static NodeExecutionResult Success(JsonObject result) => new() { Succeeded = true, Result = result };

    /// <summary>A result with only <c>content</c>.</summary>
    public static NodeExecutionResult Success(string content) => Success(new JsonObject { ["content"] = content });

    public static NodeExecutionResult Failure(string error, bool retryable = true) =>
        new() { Succeeded = false, Error = error, Retryable = retryable };
}
