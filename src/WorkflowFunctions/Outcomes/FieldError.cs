namespace WorkflowFunctions.Outcomes;

/// <summary>One problem with one request field, listed in a 400's <c>errors[]</c>.</summary>
public sealed record FieldError(string Field, string Message);
