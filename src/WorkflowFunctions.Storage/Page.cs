namespace WorkflowFunctions.Storage;

/// <summary>One page of a list, and the position to continue after (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
