namespace WorkflowFunctions.Outcomes;

/// <summary>
/// One problem of a run input: the batch item it belongs to (null for a single run), the input field, a stable
/// code, a readable message and the JSON path of the value.
/// </summary>
public sealed record InputIssue(int? Index, string? Field, string Code, string Message, string Path);
