namespace WorkflowFunctions.Storage.Idempotency;

/// <summary>What a request carrying an <c>Idempotency-Key</c> should do.</summary>
public enum IdempotencyDecision
{
    /// <summary>First use of the key: go ahead, then complete or release the claim.</summary>
    Proceed,

    /// <summary>The same key and body succeeded before: answer with the stored response.</summary>
    Replay,

    /// <summary>The key was used with a different body (422).</summary>
    Mismatch,

    /// <summary>Another request with this key is still being processed (409).</summary>
    InProgress,
}

/// <summary>The decision, and the stored response when it is a replay.</summary>
public sealed record IdempotencyOutcome(IdempotencyDecision Decision, int Status = 0, string? Body = null, string? Location = null);
