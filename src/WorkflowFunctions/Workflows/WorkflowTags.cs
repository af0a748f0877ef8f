using System.Security.Cryptography;
using System.Text;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// A workflow's version tag: a strong, opaque, quoted digest of its head row's storage ETag, which changes with every
/// update. APIs hand it out (the native <c>ETag</c>) and take it back as a precondition (<c>If-Match</c>).
/// </summary>
public static class WorkflowTags
{
    public static string Of(WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(workflow.ETag.ToString()));
        return "\"" + Convert.ToHexStringLower(digest.AsSpan(0, 10)) + "\"";
    }
}
