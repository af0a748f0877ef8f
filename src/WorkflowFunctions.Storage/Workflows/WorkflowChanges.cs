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

    /// <summary>New definition JSON text, or null to keep the current version.</summary>
    public string? Definition { get; init; }

    /// <summary>
    /// When set, the change applies only while this holds for the workflow as it is (a client's <c>If-Match</c>);
    /// otherwise <see cref="WorkflowPreconditionFailedException"/> and nothing is written. Checked on every retry.
    /// </summary>
    public Func<WorkflowRecord, bool>? Precondition { get; init; }
}
