using System.Text.Json;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// The body of a workflow write: <c>workflow_display_name</c> (text, optional), <c>description</c> (text, optional)
/// and <c>workflow_config</c> (an object: required to create a workflow or a revision, optional for PUT, where at least
/// one member must be given). The config saved is <see cref="ScoutConfig.Definition"/>'s (the empty workflow saves as
/// its lone trigger). Other members are ignored; every problem is reported at once.
/// </summary>
public sealed record ScoutWorkflowBody(string? DisplayName, string? Description, string? Definition)
{
    public const int MaxDisplayName = 200;
    public const int MaxDescription = 2000;

    public static Outcome<ScoutWorkflowBody> Read(Outcome<JsonElement?> json, bool configRequired, bool namesAllowed = true)
    {
        if (json.Failure is { Kind: FailureKind.BadRequest } unreadable)
        {
            return Failure.BadRequest(unreadable.Message, new FieldError("body", unreadable.Message) { Code = "json_invalid" });
        }

        if (json.Failure is { } failure)
        {
            return failure;
        }

        if (json.Value is not { ValueKind: JsonValueKind.Object } body)
        {
            var problem = json.Value is null
                ? new FieldError("body", "Field required") { Code = "missing" }
                : new FieldError("body", "Input should be a valid dictionary or object to extract fields from") { Code = "model_attributes_type" };
            return Failure.BadRequest(problem.Message, problem);
        }

        var problems = new List<FieldError>();
        var name = namesAllowed ? Text(body, "workflow_display_name", MaxDisplayName, problems) : null;
        var description = namesAllowed ? Text(body, "description", MaxDescription, problems) : null;
        string? definition = null;
        if (body.TryGetProperty("workflow_config", out var config) && config.ValueKind != JsonValueKind.Null)
        {
            if (config.ValueKind == JsonValueKind.Object)
            {
                definition = ScoutConfig.Definition(config).GetRawText();
            }
            else
            {
                problems.Add(new FieldError("body.workflow_config", "Input should be a valid dictionary") { Code = "dict_type" });
            }
        }
        else if (configRequired)
        {
            problems.Add(new FieldError("body.workflow_config", "Field required") { Code = "missing" });
        }

        if (problems.Count == 0 && name is null && description is null && definition is null)
        {
            problems.Add(new FieldError("body", "Give workflow_display_name, description or workflow_config") { Code = "missing" });
        }

        return problems.Count > 0 ? Failure.BadRequest(problems[0].Message, [.. problems]) : new ScoutWorkflowBody(name, description, definition);
    }

    private static string? Text(JsonElement body, string member, int maxLength, List<FieldError> problems)
    {
        if (!body.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (text is null)
        {
            problems.Add(new FieldError("body." + member, "Input should be a valid string") { Code = "string_type" });
        }
        else if (text.Length == 0 || text.Length > maxLength)
        {
            problems.Add(new FieldError("body." + member, $"String should have 1 to {maxLength} characters") { Code = "string_too_long" });
            text = null;
        }

        return text;
    }
}
