using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Api.Native;

/// <summary>The body of <c>POST /api/v1/runs</c>: an ad-hoc definition and its input.</summary>
public sealed record StartRunRequest
{
    [JsonPropertyName("definition")]
    public JsonElement? Definition { get; init; }

    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    [JsonPropertyName("timeout_seconds")]
    public int? TimeoutSeconds { get; init; }
}
