using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// The query of an execute: <c>environment</c> (one of <see cref="ScoutEnvironments.All"/>, default
/// <see cref="ScoutEnvironments.Default"/>), <c>revision_id</c> and <c>session_id</c> (a new <c>sess_&lt;24 hex&gt;</c>
/// when absent). An empty value is no value, as the document's "string or null" allows.
/// </summary>
public sealed record ScoutExecuteQuery(string Environment, string? RevisionId, string SessionId)
{
    public const int MaxId = 200;

    public static string NewSessionId() => "sess_" + Guid.NewGuid().ToString("N")[..24];

    public static Outcome<ScoutExecuteQuery> Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<FieldError>();
        var environment = Value(query, "environment") ?? ScoutEnvironments.Default;
        if (!ScoutEnvironments.All.Contains(environment))
        {
            problems.Add(new FieldError("query.environment", "Input should be 'production', 'staging', 'development' or 'console'") { Code = "enum" });
        }

        var revision = Id(query, "revision_id", problems);
        var session = Id(query, "session_id", problems) ?? NewSessionId();
        return problems.Count > 0
            ? Failure.BadRequest(problems[0].Message, [.. problems])
            : new ScoutExecuteQuery(environment, revision, session);
    }

    /// <summary>A saved workflow's revision: its version number (<c>revision_id</c> is that number as text); null for the latest.</summary>
    public static Outcome<int?> Version(string? revisionId)
    {
        if (revisionId is null)
        {
            return new Outcome<int?>((int?)null);
        }

        if (int.TryParse(revisionId, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        const string message = "revision_id must be a revision of the workflow (its number)";
        return Failure.BadRequest(message, new FieldError("query.revision_id", message) { Code = "value_error" });
    }

    private static string? Value(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    private static string? Id(IQueryCollection query, string name, List<FieldError> problems)
    {
        var value = Value(query, name);
        if (value is not null && (value.Length > MaxId || value.Any(char.IsControl)))
        {
            problems.Add(new FieldError("query." + name, $"String should have at most {MaxId} printable characters") { Code = "string_too_long" });
            return null;
        }

        return value;
    }
}
