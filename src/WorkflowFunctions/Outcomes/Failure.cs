using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Outcomes;

/// <summary>
/// A failure as data: its <see cref="Kind"/>, a readable <see cref="Message"/> that names the problem (field, node,
/// limit), and the details an API may list. Commands, readers, request readers and authentication return failures
/// instead of answering HTTP themselves, so every API renders the same failure in its own shape.
/// </summary>
public sealed record Failure(FailureKind Kind, string Message)
{
    /// <summary>What was not found (<c>Run</c>, <c>Workflow</c>, ...), for APIs that phrase their own message.</summary>
    public string? Subject { get; init; }

    /// <summary>The identifier that was not found, as the caller gave it.</summary>
    public string? SubjectId { get; init; }

    /// <summary>Every finding of an <see cref="FailureKind.InvalidDefinition"/> (errors and warnings).</summary>
    public IReadOnlyList<ValidationFinding> Findings { get; init; } = [];

    /// <summary>The problems of an <see cref="FailureKind.InvalidInput"/>, each with its batch item when there is one.</summary>
    public IReadOnlyList<InputIssue> InputIssues { get; init; } = [];

    /// <summary>Fields of a request body that are missing or malformed.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    /// <summary>When a <see cref="FailureKind.RateLimited"/> caller may try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The current entity tag of a thing whose precondition failed, so the caller can read it again.</summary>
    public string? EntityTag { get; init; }

    /// <summary>The limit that was passed, for <see cref="FailureKind.TooLarge"/> (bytes).</summary>
    public long? Limit { get; init; }

    public static Failure BadRequest(string message, params IReadOnlyList<FieldError> fields) =>
        new(FailureKind.BadRequest, message) { FieldErrors = fields };

    public static Failure Unauthorized(string message) => new(FailureKind.Unauthorized, message);

    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);

    public static Failure NotFound(string subject, string id) =>
        new(FailureKind.NotFound, $"{subject} '{id}' was not found.") { Subject = subject, SubjectId = id };

    public static Failure Conflict(string message) => new(FailureKind.Conflict, message);

    public static Failure PreconditionFailed(string message) => new(FailureKind.PreconditionFailed, message);

    public static Failure TooLarge(long limit, string? message = null) =>
        new(FailureKind.TooLarge, message ?? $"The request body exceeds the limit of {limit} bytes.") { Limit = limit };

    public static Failure UnsupportedMediaType(string? contentType, string accepted) =>
        new(FailureKind.UnsupportedMediaType, $"Content type '{contentType}' is not accepted here; send {accepted}.");

    public static Failure RateLimited(TimeSpan retryAfter, string message) =>
        new(FailureKind.RateLimited, message) { RetryAfter = retryAfter };

    public static Failure Unavailable(string message) => new(FailureKind.Unavailable, message);

    /// <summary>A definition whose validation found errors; the message counts them and quotes the first.</summary>
    public static Failure InvalidDefinition(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(FailureKind.InvalidDefinition, $"The workflow has {report.Errors.Count} error(s); the first: {report.Errors[0].Message}")
        {
            Findings = report.Findings,
        };
    }
}
