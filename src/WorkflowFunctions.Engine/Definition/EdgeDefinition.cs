using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Definition;

/// <summary>A typed, read-only view of one entry of <c>edges[]</c>; the entry's JSON is kept in <see cref="Raw"/>.</summary>
public sealed class EdgeDefinition
{
    /// <summary>The <c>sourceHandle</c> of an if-else node's true branch.</summary>
    public const string TrueHandle = "condition-true";

    /// <summary>The <c>sourceHandle</c> of an if-else node's false branch.</summary>
    public const string FalseHandle = "condition-false";

    internal EdgeDefinition(JsonObject raw, int index)
    {
        Raw = raw;
        Index = index;
        Id = JsonRead.String(raw, "id");
        Source = JsonRead.String(raw, "source") ?? string.Empty;
        Target = JsonRead.String(raw, "target") ?? string.Empty;
        SourceHandle = JsonRead.String(raw, "sourceHandle");
    }

    public string? Id { get; }

    public string Source { get; }

    public string Target { get; }

    /// <summary>Which output of the source the edge leaves from; <c>condition-true</c> / <c>condition-false</c> on if-else nodes.</summary>
    public string? SourceHandle { get; }

    public int Index { get; }

    /// <summary>JSON path of this edge, e.g. <c>$.edges[0]</c>.</summary>
    public string Path => $"$.edges[{Index}]";

    /// <summary>The branch this edge stands for, read from <see cref="SourceHandle"/>.</summary>
    public Branch Branch => SourceHandle switch
    {
        TrueHandle or "true" => Branch.True,
        FalseHandle or "false" => Branch.False,
        _ => Branch.None,
    };

    public JsonObject Raw { get; }
}
