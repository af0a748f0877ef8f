using System.Text.Json;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>How saved workflows appear in API responses (snake_case JSON).</summary>
public static class WorkflowViews
{
    public static object Summary(WorkflowRecord w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new
        {
            id = w.Id,
            alias = w.Alias,
            title = w.Title,
            project = w.Project,
            description = w.Description,
            version = w.LatestVersion,
            created_at = w.CreatedAt,
            updated_at = w.UpdatedAt,
            links = new { self = $"/api/v1/workflows/{w.Id}", runs = $"/api/v1/workflows/{w.Id}/runs" },
        };
    }

    public static object Full(WorkflowRecord w, WorkflowVersionRecord version, IEnumerable<object>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(version);
        using var data = JsonDocument.Parse(version.Definition ?? "{}");
        return new
        {
            id = w.Id,
            alias = w.Alias,
            title = w.Title,
            project = w.Project,
            description = w.Description,
            version = version.Version,
            latest_version = w.LatestVersion,
            created_at = w.CreatedAt,
            updated_at = w.UpdatedAt,
            data = data.RootElement.Clone(),
            warnings = warnings?.ToList(),
            links = new { self = $"/api/v1/workflows/{w.Id}", runs = $"/api/v1/workflows/{w.Id}/runs" },
        };
    }

    public static object Version(WorkflowVersionRecord v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new { version = v.Version, created_at = v.CreatedAt, hash = v.Hash, size_bytes = v.SizeBytes };
    }

    public static object Field(InputField f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new
        {
            id = f.Id,
            title = f.Title,
            type = f.Type.ToString().ToLowerInvariant(),
            required = f.Required,
            default_value = f.DefaultValue,
            options = f.Options,
            description = f.Description,
        };
    }
}
