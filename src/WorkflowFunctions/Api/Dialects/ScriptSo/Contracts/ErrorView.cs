using System.Text.Json.Serialization;

namespace WorkflowFunctions.Api.Dialects.ScriptSo.Contracts;

/// <summary>The document's error body, <c>{"error": "..."}</c>; an invalid input or graph adds every problem in <c>details</c>.</summary>
public sealed record ErrorView(string Error)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Details { get; init; }
}
