namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// What one placeholder refers to: the run input (<see cref="IsInput"/>), the current row of a row template
/// (<see cref="IsRow"/>), a node's record, or a bare input variable (a root naming a declared input field).
/// </summary>
/// <param name="Root"><c>input</c>, <c>row</c>, a node ID, or an input field ID.</param>
/// <param name="Path">The path below the root, e.g. <c>result</c>, <c>content</c>; indexes as strings ("0").</param>
public sealed record TemplateReference(string Root, IReadOnlyList<string> Path)
{
    /// <summary>The root of run-input references.</summary>
    public const string InputRoot = "input";

    /// <summary>The root of the current row in row templates (filter-rows conditions, map-rows calls).</summary>
    public const string RowRoot = "row";

    public bool IsInput => Root == InputRoot;

    /// <summary>Whether the root is <c>row</c>; it means the current row only where a row is in scope.</summary>
    public bool IsRow => Root == RowRoot;

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
