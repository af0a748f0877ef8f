namespace WorkflowFunctions.Engine.Catalog;

/// <summary>One place where a value does not match its schema.</summary>
/// <param name="Path">JSON path of the value, e.g. <c>$.nodes[2].data.settings.temperature</c>.</param>
/// <param name="Message">What is wrong, naming the limit or the expected type.</param>
/// <param name="IsMissing">True when a required property is absent.</param>
public sealed record SchemaViolation(string Path, string Message, bool IsMissing);
