using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;

/// <summary>
/// A workflow as the document's structure example shows it (<c>id</c>, <c>project</c>, <c>title</c>, <c>data</c>: the
/// graph exactly as saved, visual fields included), with its creation and update times.
/// </summary>
public sealed record WorkflowView(int Id, long? Project, string Title, JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A workflow in a list page: everything but the graph (read one workflow for its <c>data</c>).</summary>
public sealed record WorkflowSummaryView(int Id, long? Project, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// <c>check_workflow/</c>: whether the saved graph can run, its errors and warnings as readable strings (as a refused
/// run lists them), and every finding with its code, node and JSON path.
/// </summary>
public sealed record CheckView(int Id, bool Valid, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<FindingView> Findings);

/// <summary>One validation finding: <c>severity</c> is <c>error</c> (blocks running) or <c>warning</c>.</summary>
public sealed record FindingView(string Severity, string Code, string Message, string? NodeId, string Path);

/// <summary>One node type of <c>get_nodes/</c>: its name in graphs, a title, what it does, a group, and the JSON Schema of its <c>data</c>.</summary>
public sealed record NodeTypeView(string Type, string Title, string Description, string Category, JsonObject Schema);

/// <summary>DRF's error body for everything that is not a field error.</summary>
public sealed record DetailView(string Detail);
