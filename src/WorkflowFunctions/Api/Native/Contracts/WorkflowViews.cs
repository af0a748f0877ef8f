using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Native.Contracts;

/// <summary>Links of a workflow: to itself and its runs.</summary>
public sealed record WorkflowLinks(string Self, string Runs)
{
    public static WorkflowLinks Of(string id) => new(NativeLinks.Workflow(id), NativeLinks.WorkflowRuns(id));
}

/// <summary>A workflow in a list: its id, integer alias (reference 003) and UUID (reference 004) all name it.</summary>
public sealed record WorkflowSummaryView(
    string Id,
    int Alias,
    string? Uuid,
    string Title,
    string? Project,
    string? Description,
    int? MaxConcurrentRuns,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    WorkflowLinks Links)
{
    public static WorkflowSummaryView From(WorkflowRecord w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new(
            w.Id, w.Alias, w.Uuid, w.Title, w.Project, w.Description, w.MaxConcurrentRuns, w.LatestVersion, w.CreatedAt, w.UpdatedAt, WorkflowLinks.Of(w.Id));
    }
}

/// <summary>
/// A workflow version with its graph as saved. A draft (a graph with errors) is saved too: <c>valid</c> is false
/// and <c>errors</c> lists why it cannot run until it is fixed; <c>warnings</c> never block. <c>max_concurrent_runs</c>
/// is the workflow's own cap (null: it follows the account's default; 0: none).
/// </summary>
public sealed record WorkflowView(
    string Id,
    int Alias,
    string? Uuid,
    string Title,
    string? Project,
    string? Description,
    int? MaxConcurrentRuns,
    int Version,
    int LatestVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement Data,
    bool Valid,
    IReadOnlyList<FindingView>? Errors,
    IReadOnlyList<FindingView>? Warnings,
    WorkflowLinks Links)
{
    public static WorkflowView From(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var (w, version, prepared) = (loaded.Workflow, loaded.Version, loaded.Prepared);
        using var data = JsonDocument.Parse(version.Definition ?? "{}");
        var report = prepared.Report;
        return new(
            w.Id,
            w.Alias,
            w.Uuid,
            w.Title,
            w.Project,
            w.Description,
            w.MaxConcurrentRuns,
            version.Version,
            w.LatestVersion,
            w.CreatedAt,
            w.UpdatedAt,
            data.RootElement.Clone(),
            !report.HasErrors,
            report.HasErrors ? report.Errors.Select(FindingView.From).ToList() : null,
            report.Warnings.Select(FindingView.From).ToList(),
            WorkflowLinks.Of(w.Id));
    }
}

/// <summary><c>GET /workflows/{id}/versions</c>.</summary>
public sealed record WorkflowVersionsView(string WorkflowId, int LatestVersion, IEnumerable<WorkflowVersionView> Items);

public sealed record WorkflowVersionView(int Version, DateTimeOffset CreatedAt, string Hash, int SizeBytes)
{
    public static WorkflowVersionView From(WorkflowVersionRecord v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Version, v.CreatedAt, v.Hash, v.SizeBytes);
    }
}

/// <summary><c>GET /workflows/{id}/input-fields</c>: the trigger's fields as the service reads them.</summary>
public sealed record InputFieldsView(string WorkflowId, int Version, IEnumerable<InputFieldView> Fields);

public sealed record InputFieldView(
    string Id, string Title, string Type, bool Required, JsonNode? DefaultValue, IReadOnlyList<string> Options, string? Description)
{
    public static InputFieldView From(InputField f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.Title, f.Type.ToString().ToLowerInvariant(), f.Required, f.DefaultValue, f.Options, f.Description);
    }
}

/// <summary>A validation result: valid when there are no errors; warnings never block.</summary>
public sealed record ValidationView(bool Valid, IEnumerable<FindingView> Errors, IEnumerable<FindingView> Warnings)
{
    public static ValidationView From(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(!report.HasErrors, report.Errors.Select(FindingView.From), report.Warnings.Select(FindingView.From));
    }
}

/// <summary>One node type of the catalog.</summary>
public sealed record NodeTypeView(string Type, string Title, string Description, string Category, bool IsPure, JsonObject ConfigSchema)
{
    public static NodeTypeView From(NodeTypeDescriptor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Type, t.Title, t.Description, t.Category, t.IsPure, t.ConfigSchema);
    }
}

/// <summary>A list without pages.</summary>
public sealed record ItemsView<T>(IEnumerable<T> Items);
