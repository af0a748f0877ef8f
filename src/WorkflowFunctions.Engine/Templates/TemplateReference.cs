namespace WorkflowFunctions.Engine.Templates;

/// <summary>What one placeholder refers to: the run input (<see cref="IsInput"/>) or a node's record.</summary>
/// <param name="Root"><c>input</c>, or a node ID.</param>
/// <param name="Path">The path below the root, e.g. <c>result</c>, <c>content</c>; indexes as strings ("0").</param>
public sealed record TemplateReference(string Root, IReadOnlyList<string> Path)
{
    /// <summary>The root of run-input references.</summary>
    public const string InputRoot = "input";

    public bool IsInput => Root == InputRoot;

    /// <summary>The reference as it would be written, e.g. <c>input.tags.0</c>.</summary>
    public override string ToString() => Path.Count == 0 ? Root : Root + "." + string.Join('.', Path);

    public bool Equals(TemplateReference? other) =>
        other is not null && Root == other.Root && Path.SequenceEqual(other.Path);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Root);
        foreach (var step in Path)
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }
}
