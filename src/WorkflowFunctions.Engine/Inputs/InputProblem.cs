namespace WorkflowFunctions.Engine.Inputs;

/// <summary>One problem with a run's input.</summary>
/// <param name="FieldId">The input field concerned (empty for the input as a whole).</param>
/// <param name="Code">A stable code (see <see cref="Validation.FindingCodes"/>: <c>input.*</c>).</param>
/// <param name="Message">What is wrong, naming the field.</param>
/// <param name="Path">JSON path in the input, e.g. <c>$.category</c>.</param>
public sealed record InputProblem(string FieldId, string Code, string Message, string Path);
