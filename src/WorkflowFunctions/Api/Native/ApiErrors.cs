using Microsoft.AspNetCore.Mvc;

namespace WorkflowFunctions.Api.Native;

/// <summary>The API's error answers: RFC 9457 problem details whose <c>detail</c> (and <c>error</c>) names the problem.</summary>
public static class ApiErrors
{
    public static ContentResult BadRequest(string detail, object? errors = null) => ApiResponses.Problem(400, "Bad Request", detail, errors);

    public static ContentResult Unauthorized(string detail) => ApiResponses.Problem(401, "Unauthorized", detail);

    public static ContentResult Forbidden(string detail) => ApiResponses.Problem(403, "Forbidden", detail);

    public static ContentResult NotFound(string what, string id) => ApiResponses.Problem(404, "Not Found", $"{what} '{id}' was not found.");

    public static ContentResult Conflict(string detail) => ApiResponses.Problem(409, "Conflict", detail);

    public static ContentResult PreconditionFailed(string detail) => ApiResponses.Problem(412, "Precondition Failed", detail);

    public static ContentResult TooLarge(int limit) => ApiResponses.Problem(413, "Payload Too Large", $"The request body exceeds the limit of {limit} bytes.");

    public static ContentResult UnsupportedMediaType(string? contentType, string accepted) =>
        ApiResponses.Problem(415, "Unsupported Media Type", $"Content type '{contentType}' is not accepted here; send {accepted}.");

    public static ContentResult Unprocessable(string title, string detail, object? errors = null) => ApiResponses.Problem(422, title, detail, errors);

    public static ContentResult Unavailable(string detail) => ApiResponses.Problem(503, "Service Unavailable", detail);
}
