namespace WorkflowFunctions.Engine.Definition;

/// <summary>A resolved, directed flow link between two existing nodes.</summary>
/// <param name="Source">The upstream node's ID.</param>
/// <param name="Target">The downstream node's ID.</param>
/// <param name="Branch">The branch of <paramref name="Source"/> this link belongs to.</param>
/// <param name="Path">JSON path of the declaration the link came from (an edge or a node's flow field).</param>
public sealed record FlowLink(string Source, string Target, Branch Branch, string Path);
