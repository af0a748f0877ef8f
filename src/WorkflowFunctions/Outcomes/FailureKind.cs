namespace WorkflowFunctions.Outcomes;

/// <summary>
/// What went wrong, in the service's own terms. Every API renders a kind its own way: the native API as RFC 9457
/// problem details with the status code of its table in docs/api.md, each dialect in its document's error shape.
/// </summary>
public enum FailureKind
{
    /// <summary>A malformed request: body, query or header (native 400).</summary>
    BadRequest,

    /// <summary>No credentials, or credentials that are not valid (native 401).</summary>
    Unauthorized,

    /// <summary>Valid credentials without the scope the operation needs (native 403).</summary>
    Forbidden,

    /// <summary>The thing does not exist, or belongs to another account (native 404).</summary>
    NotFound,

    /// <summary>The operation does not fit the thing's state, e.g. cancelling a finished run (native 409).</summary>
    Conflict,

    /// <summary>An <c>If-Match</c> precondition that does not hold (native 412).</summary>
    PreconditionFailed,

    /// <summary>A body or payload over a size limit (native 413).</summary>
    TooLarge,

    /// <summary>A body in a content type or charset the operation does not read (native 415).</summary>
    UnsupportedMediaType,

    /// <summary>A workflow definition with errors: a draft, or a version saved under older rules (native 422).</summary>
    InvalidDefinition,

    /// <summary>Run input that does not meet the trigger's input fields (native 422).</summary>
    InvalidInput,

    /// <summary>An <c>Idempotency-Key</c> used before with a different request (native 422).</summary>
    IdempotencyKeyReused,

    /// <summary>The caller's request rate is over its limit; <see cref="Failure.RetryAfter"/> says when to retry (native 429).</summary>
    RateLimited,

    /// <summary>A dependency the operation needs does not answer (native 503).</summary>
    Unavailable,
}
