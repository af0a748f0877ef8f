using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// The <c>StoreRunResultPart</c> activity's input: whose result, which part and its text (a piece of the result's
/// JSON, at most <see cref="RunResultParts.MaxPartChars"/> chars, so one part stays far below the engine's message limit).
/// </summary>
public sealed record StoreRunResultPartRequest(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("part")] int Part,
    [property: JsonPropertyName("text")] string Text);
