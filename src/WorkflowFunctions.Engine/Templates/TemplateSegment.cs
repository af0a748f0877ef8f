namespace WorkflowFunctions.Engine.Templates;

/// <summary>One parsed piece of a template: literal text, or a placeholder's reference.</summary>
internal readonly record struct TemplateSegment(string? Literal, TemplateReference? Reference);
