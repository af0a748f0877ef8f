using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// The <c>cursor</c> of <c>GET /workflows</c>. A page answers an opaque cursor (the position after its last item,
/// exact however many workflows share a time). The document's example sends a time instead
/// (<c>2024-01-15T10:30:00Z</c>), so an ISO 8601 time is read too: the list then starts at the newest workflow created
/// before it. Anything else is a 400.
/// </summary>
public static partial class ScriptSoCursor
{
    public const int MaxLength = 1000;

    /// <summary><paramref name="query"/> continued from <paramref name="cursor"/> (unchanged when there is none), or why the cursor is not one.</summary>
    public static Outcome<WorkflowListQuery> Apply(WorkflowListQuery query, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(cursor))
        {
            return query;
        }

        if (cursor.Length <= MaxLength && QueryParameters.TryDecodeCursor(cursor) is { } position)
        {
            return query with { After = position };
        }

        if (IsoDate().IsMatch(cursor)
            && DateTimeOffset.TryParse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return query with { CreatedBefore = time };
        }

        return Failure.BadRequest("Query parameter 'cursor' must be the cursor of a previous page, or a time such as 2024-01-15T10:30:00Z.");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T|$)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
