using System.Text.Json;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// The body of <c>POST /workflows</c> and <c>PATCH /workflows/{id}</c>: <c>title</c>, <c>project</c>,
/// <c>description</c>, <c>data</c> (the graph). On PATCH every member is optional and <c>null</c> clears
/// <c>project</c> or <c>description</c>. <c>project</c> may also be an integer, as reference 003 numbers its
/// projects; it is kept as its decimal text, so <c>12</c> and <c>"12"</c> name the same project.
/// <c>max_concurrent_runs</c> caps how many of the workflow's runs run at once (0: no cap, even when the account has a
/// default; <c>null</c> on PATCH: follow the account's default again).
/// </summary>
public sealed record WorkflowBody
{
    public const int MaxTitle = 200;
    public const int MaxProject = 100;
    public const int MaxDescription = 2000;

    public string? Title { get; init; }

    public string? Project { get; init; }

    public bool ProjectCleared { get; init; }

    public string? Description { get; init; }

    public bool DescriptionCleared { get; init; }

    public int? MaxConcurrentRuns { get; init; }

    public bool MaxConcurrentRunsCleared { get; init; }

    /// <summary>The graph as compact JSON text (so formatting alone does not make a new version).</summary>
    public string? Data { get; init; }

    public static Outcome<WorkflowBody> Read(JsonElement? json, bool partial)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return Failure.BadRequest("The body must be a JSON object with 'title' and 'data'.");
        }

        var errors = new List<FieldError>();
        var title = Text(body, "title", MaxTitle, required: !partial, errors, out _);
        var project = ProjectText(body, errors, out var projectNull);
        var description = Text(body, "description", MaxDescription, required: false, errors, out var descriptionNull);
        var cap = Cap(body, errors, out var capNull);
        string? data = null;
        if (body.TryGetProperty("data", out var graph))
        {
            if (graph.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError("data", "'data' must be a workflow graph object (nodes, edges, start_node)."));
            }
            else
            {
                data = JsonSerializer.Serialize(graph);
            }
        }
        else if (!partial)
        {
            errors.Add(new FieldError("data", "'data' is required: the workflow graph (nodes, edges, start_node)."));
        }

        if (errors.Count > 0)
        {
            return Failure.BadRequest($"The body has {errors.Count} problem(s); the first: {errors[0].Message}", errors);
        }

        return new WorkflowBody
        {
            Title = title,
            Project = project,
            ProjectCleared = projectNull,
            Description = description,
            DescriptionCleared = descriptionNull,
            MaxConcurrentRuns = cap,
            MaxConcurrentRunsCleared = capNull,
            Data = data,
        };
    }

    private static int? Cap(JsonElement body, List<FieldError> errors, out bool explicitNull)
    {
        explicitNull = false;
        if (!body.TryGetProperty("max_concurrent_runs", out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            explicitNull = true;
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var cap) && cap is >= 0 and <= ConcurrencyOptions.MaxCap)
        {
            return cap;
        }

        errors.Add(new FieldError(
            "max_concurrent_runs",
            $"'max_concurrent_runs' must be an integer from 0 (no cap) to {ConcurrencyOptions.MaxCap}, or null to follow the account's default."));
        return null;
    }

    private static string? ProjectText(JsonElement body, List<FieldError> errors, out bool explicitNull)
    {
        if (body.TryGetProperty("project", out var value) && value.ValueKind == JsonValueKind.Number)
        {
            explicitNull = false;
            if (value.TryGetInt64(out var number) && number >= 0)
            {
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            errors.Add(new FieldError("project", "'project' must be a non-empty string or a non-negative integer."));
            return null;
        }

        return Text(body, "project", MaxProject, required: false, errors, out explicitNull);
    }

    private static string? Text(JsonElement body, string name, int max, bool required, List<FieldError> errors, out bool explicitNull)
    {
        explicitNull = false;
        if (!body.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(new FieldError(name, $"'{name}' is required."));
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Null && !required)
        {
            explicitNull = true;
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || (required && string.IsNullOrWhiteSpace(text)))
        {
            errors.Add(new FieldError(name, $"'{name}' must be a non-empty string."));
            return null;
        }

        if (text.Length > max)
        {
            errors.Add(new FieldError(name, $"'{name}' is longer than {max} characters."));
            return null;
        }

        return text;
    }
}
