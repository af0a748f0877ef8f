namespace WorkflowFunctions.Storage.Workflows;

/// <summary>
/// A partial update: null members are left alone; <see cref="ClearProject"/> and <see cref="ClearDescription"/>
/// remove optional fields. A <see cref="Definition"/> that differs from the latest version creates a new version.
/// </summary>
public sealed record WorkflowChanges
{
    public string? Title { get; init; }

    public string? Project { get; init; }

    public bool ClearProject { get; init; }

    public string? Description { get; init; }

    public bool ClearDescription { get; init; }

    /// <summary>A new cap on concurrent runs (0: none), or null to keep it; see <see cref="ClearMaxConcurrentRuns"/>.</summary>
    public int? MaxConcurrentRuns { get; init; }

    /// <summary>Removes the workflow's own cap, so it follows the account's default again.</summary>
    public bool ClearMaxConcurrentRuns { get; init; }

    /// <summary>New definition JSON text, or null to keep the current version.</summary>
    public string? Definition { get; init; }

    /// <summary>
    /// When set, the change applies only while this holds for the workflow as it is (a client's <c>If-Match</c>);
    /// otherwise <see cref="WorkflowPreconditionFailedException"/> and nothing is written. Checked on every retry.
    /// </summary>
    public Func<WorkflowRecord, bool>? Precondition { get; init; }
}
