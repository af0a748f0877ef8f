using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// HTTP entity tags of saved workflows: <c>GET</c> and <c>PATCH /workflows/{id}</c> answer with an <c>ETag</c>, and
/// <c>PATCH</c> and <c>DELETE</c> honour <c>If-Match</c> (412 when the workflow changed since it was read). The tag is
/// a strong, opaque digest of the head row's storage ETag, which changes with every update of the workflow.
/// </summary>
public static class WorkflowEntityTags
{
    /// <summary>The entity tag of the workflow as read.</summary>
    public static string Of(WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(workflow.ETag.ToString()));
        return "\"" + Convert.ToHexStringLower(digest.AsSpan(0, 10)) + "\"";
    }

    /// <summary>Writes the workflow's <c>ETag</c> response header.</summary>
    public static void Set(HttpRequest request, WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.ETag = Of(workflow);
    }

    /// <summary>
    /// The request's <c>If-Match</c> as a precondition on the workflow, null without the header; a 400 when the
    /// header is not <c>*</c> or a list of quoted entity tags. Comparison is strong: a weak tag (<c>W/"…"</c>) never matches.
    /// </summary>
    public static (Func<WorkflowRecord, bool>? Precondition, IActionResult? Error) IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue("If-Match", out var values) || values.Count == 0)
        {
            return (null, null);
        }

        var parts = values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (parts.Count == 0)
        {
            return (null, ApiErrors.BadRequest("The If-Match header is empty."));
        }

        if (parts.Contains("*"))
        {
            return (_ => true, null);
        }

        var tags = new List<string>();
        foreach (var part in parts)
        {
            var weak = part.StartsWith("W/", StringComparison.Ordinal);
            var tag = weak ? part[2..] : part;
            if (tag.Length < 2 || tag[0] != '"' || tag[^1] != '"' || tag[1..^1].Contains('"', StringComparison.Ordinal))
            {
                return (null, ApiErrors.BadRequest($"The If-Match header must be * or quoted entity tags as the ETag header gives them; got {Shorten(part)}."));
            }

            if (!weak)
            {
                tags.Add(tag);
            }
        }

        return (workflow => tags.Contains(Of(workflow), StringComparer.Ordinal), null);
    }

    /// <summary>The 412 for a workflow that changed since the client read it, with its current tag.</summary>
    public static IActionResult Failed(HttpRequest request, WorkflowPreconditionFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Set(request, failure.Current);
        return ApiErrors.PreconditionFailed($"Workflow '{failure.Current.Id}' changed since it was read (If-Match does not match its ETag {Of(failure.Current)}); nothing was changed. Read it again and retry.");
    }

    private static string Shorten(string? value) => value is null ? "nothing" : value.Length <= 80 ? $"'{value}'" : $"'{value[..80]}…'";
}
