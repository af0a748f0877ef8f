namespace WorkflowFunctions.Storage.Workflows;

/// <summary>Filters of a workflow list page; newest first.</summary>
public sealed record WorkflowListQuery
{
    /// <summary>Exact project name.</summary>
    public string? Project { get; init; }

    /// <summary>Case-insensitive substring of the title.</summary>
    public string? TitleContains { get; init; }

    /// <summary>Only workflows created strictly before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>The position returned by the previous page.</summary>
    public string? After { get; init; }
}
