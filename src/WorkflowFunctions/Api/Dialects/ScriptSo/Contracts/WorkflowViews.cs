using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.ScriptSo.Contracts;

/// <summary>A page of <c>GET /workflows</c>: the items and the cursor of the next page (null on the last).</summary>
public sealed record WorkflowPageView(IReadOnlyList<WorkflowSummaryView> Data, string? Cursor);

/// <summary>A workflow in a list, as the document's example shows it: its UUID, name and times.</summary>
public sealed record WorkflowSummaryView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// <c>GET /workflows/{id}</c>: its UUID, name, description (null when it has none), times, and the JSON Schema of the
/// input its trigger's fields accept.
/// </summary>
public sealed record WorkflowView(string Id, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject InputSchema);
