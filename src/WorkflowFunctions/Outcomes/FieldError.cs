namespace WorkflowFunctions.Outcomes;

/// <summary>
/// One problem with one request field, listed in a 400's <c>errors[]</c>; <see cref="Code"/> names its kind for APIs
/// that report one (reference 002's <c>missing</c>, <c>dict_type</c>).
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    public string? Code { get; init; }
}
