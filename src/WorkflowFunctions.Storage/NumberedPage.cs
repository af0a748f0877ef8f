namespace WorkflowFunctions.Storage;

/// <summary>
/// One page of a list addressed by number (as APIs with <c>page</c>/<c>count</c> paging need): its items, and how
/// many items the whole list holds.
/// </summary>
public sealed record NumberedPage<T>(IReadOnlyList<T> Items, int Count);
