using System.Text.Json.Nodes;

namespace WorkflowFunctions.Api.Dialects.Scout.Contracts;

/// <summary>Every answer about saved workflows is its value in <c>data</c>.</summary>
public sealed record DataView<T>(T Data);

/// <summary><c>GET /v2/workflows</c>: a page of workflows, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record WorkflowPageView(IReadOnlyList<WorkflowSummaryView> Data, string? NextCursor);

/// <summary>A workflow in a list: its id, name, latest revision and times.</summary>
public sealed record WorkflowSummaryView(
    string WorkflowId,
    string WorkflowDisplayName,
    string? Description,
    string RevisionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>
/// A saved workflow with its latest revision's config, and whether that config can run (<c>valid</c>; a config with
/// errors is kept as a draft, its <c>errors</c> listed in the 422 style, and executing it is refused with them).
/// </summary>
public sealed record WorkflowView(
    string WorkflowId,
    string WorkflowDisplayName,
    string? Description,
    string RevisionId,
    JsonNode WorkflowConfig,
    bool Valid,
    IReadOnlyList<ProblemView> Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>One revision (an immutable version of the workflow's config).</summary>
public sealed record RevisionView(
    string WorkflowId,
    string RevisionId,
    JsonNode WorkflowConfig,
    bool Valid,
    IReadOnlyList<ProblemView> Errors,
    DateTimeOffset CreatedAt);

/// <summary><c>DELETE /v2/workflows/{id}</c>: what was deleted.</summary>
public sealed record DeletedView(string WorkflowId, bool Deleted);
