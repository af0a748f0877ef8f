namespace WorkflowFunctions.Engine.Templates;

/// <summary>What one placeholder refers to: the run input (<see cref="IsInput"/>) or a node's result.</summary>
/// <param name="Root"><c>input</c>, or a node ID.</param>
/// <param name="Path">The path below the root, e.g. <c>result</c>, <c>content</c>; indexes as strings ("0").</param>
public sealed record TemplateReference(string Root, IReadOnlyList<string> Path)
{
    /// <summary>The root of run-input references.</summary>
    public const string InputRoot = "input";

    public bool IsInput => Root == InputRoot;
}
