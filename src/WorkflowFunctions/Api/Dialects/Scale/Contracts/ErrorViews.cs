using System.Text.Json.Serialization;

namespace WorkflowFunctions.Api.Dialects.Scale.Contracts;

/// <summary>The document's error body; <c>errors</c> (beyond it) lists every problem when there are several.</summary>
public sealed record ErrorView(string Error, [property: JsonPropertyName("status_code")] int StatusCode)
{
    public IReadOnlyList<string>? Errors { get; init; }
}

/// <summary>The document's authentication failure: <c>{"error": "Unauthorized", "message": "..."}</c>.</summary>
public sealed record UnauthorizedView(string Error, string Message);
