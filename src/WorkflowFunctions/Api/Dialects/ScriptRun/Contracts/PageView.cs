namespace WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;

/// <summary>
/// A Django REST framework page: how many items the list has, absolute links to the next and previous pages (null at
/// the ends), and this page's items.
/// </summary>
public sealed record PageView<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results);
