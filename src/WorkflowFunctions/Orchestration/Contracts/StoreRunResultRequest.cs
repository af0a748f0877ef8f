using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>The <c>StoreRunResult</c> activity's input: whose result, and the result.</summary>
public sealed record StoreRunResultRequest(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("result")] WorkflowRunResult Result);
