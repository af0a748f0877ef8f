using System.Net.Mime;

namespace WorkflowFunctions.Api.Common;

/// <summary>
/// An answer before it is written: status, body (serialized with the dialect's JSON settings, or
/// <see cref="RawBody"/> as it is) and the headers an endpoint sets.
/// </summary>
public sealed record ApiResponse(int Status, object? Body)
{
    public const string Json = "application/json; charset=utf-8";

    /// <summary>A body already serialized (an idempotent replay); wins over <see cref="Body"/>.</summary>
    public string? RawBody { get; init; }

    public string ContentType { get; init; } = Json;

    public string? Location { get; init; }

    public string? ETag { get; init; }

    /// <summary>Any other headers (e.g. <c>Retry-After</c>, <c>Idempotent-Replayed</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static ApiResponse Ok(object body) => new(200, body);

    public static ApiResponse Created(object body, string location) => new(201, body) { Location = location };

    public static ApiResponse Accepted(object body, string? location = null) => new(202, body) { Location = location };

    public static ApiResponse NoContent { get; } = new(204, null) { ContentType = MediaTypeNames.Text.Plain };
}
