using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// <c>If-Match</c> on saved workflows: <c>GET</c> and <c>PATCH /workflows/{id}</c> answer with an <c>ETag</c> (the
/// workflow's <see cref="WorkflowTags"/>), and <c>PATCH</c> and <c>DELETE</c> honour <c>If-Match</c> (412 when the
/// workflow changed since it was read).
/// </summary>
public static class WorkflowEntityTags
{
    /// <summary>
    /// The request's <c>If-Match</c> as a precondition on the workflow (null without the header), parsed by ASP.NET
    /// Core's entity-tag parser; a failure when the header is not <c>*</c> or a list of quoted entity tags. Comparison
    /// is strong: a weak tag (<c>W/"…"</c>) never matches.
    /// </summary>
    public static Outcome<Func<WorkflowRecord, bool>?> IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(HeaderNames.IfMatch, out var values) || values.Count == 0)
        {
            return new Outcome<Func<WorkflowRecord, bool>?>((Func<WorkflowRecord, bool>?)null);
        }

        if (values.All(v => string.IsNullOrWhiteSpace(v?.Replace(",", string.Empty, StringComparison.Ordinal))))
        {
            return Failure.BadRequest("The If-Match header is empty.");
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags))
        {
            var shown = string.Join(", ", values.ToArray());
            return Failure.BadRequest($"The If-Match header must be * or quoted entity tags as the ETag header gives them; got {Shorten(shown)}.");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return new Outcome<Func<WorkflowRecord, bool>?>(_ => true);
        }

        var strong = tags.Where(t => !t.IsWeak).Select(t => t.Tag.Value).ToList();
        return new Outcome<Func<WorkflowRecord, bool>?>(workflow => strong.Contains(WorkflowTags.Of(workflow), StringComparer.Ordinal));
    }

    private static string Shorten(string? value) => value is null ? "nothing" : value.Length <= 80 ? $"'{value}'" : $"'{value[..80]}…'";
}
