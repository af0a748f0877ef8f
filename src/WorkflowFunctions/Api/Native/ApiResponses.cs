using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// JSON responses written with the API's own serializer settings (snake_case names come from the contract
/// types), so the Functions host and the LocalHost produce byte-identical bodies without MVC formatters.
/// Errors are RFC 9457 problem details with an extra <c>error</c> member that clients of the references read.
/// </summary>
public static class ApiResponses
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // API bodies are JSON, never HTML: quotes and apostrophes in messages stay readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ContentResult Ok(object body, int status = 200) => new()
    {
        StatusCode = status,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(body, body.GetType(), Json),
    };

    public static ContentResult Problem(int status, string title, string detail, object? errors = null)
    {
        var problem = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["error"] = detail,
        };
        if (errors is not null)
        {
            problem["errors"] = errors;
        }

        return new ContentResult
        {
            StatusCode = status,
            ContentType = "application/problem+json; charset=utf-8",
            Content = JsonSerializer.Serialize(problem, Json),
        };
    }
}
