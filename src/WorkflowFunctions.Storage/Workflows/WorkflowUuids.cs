using System.Security.Cryptography;
using System.Text;

namespace WorkflowFunctions.Storage.Workflows;

/// <summary>
/// Every workflow's UUID (reference 004 names workflows by UUID), computed from its id rather than stored: the 24 hex
/// digits of <c>wf_&lt;24 hex&gt;</c> fill an RFC 9562 version 8 (custom) UUID beside a 24-bit checksum of them. So
/// every workflow has had its UUID since it was created, workflows saved before UUIDs existed included, with no lookup
/// row, migration or first-read write, and a UUID resolves back to its id without a read. A UUID that is not one of
/// these (a random v4, a typo) names no workflow.
/// </summary>
public static class WorkflowUuids
{
    private const string Prefix = "wf_";
    private const int IdDigits = 24;

    /// <summary>The workflow's UUID (lowercase, hyphenated); null for an id this service does not mint (<c>wf_</c> and 24 hex digits).</summary>
    public static string? Of(string? workflowId)
    {
        if (workflowId is null || workflowId.Length != Prefix.Length + IdDigits || !workflowId.StartsWith(Prefix, StringComparison.Ordinal)
            || !IsLowercaseHex(workflowId.AsSpan(Prefix.Length)))
        {
            return null;
        }

        var hex = workflowId[Prefix.Length..];

        // 12 digits, version 8, 3 digits, variant 10xx, 3 digits, the last 6 digits, then the checksum's 6.
        var digits = hex[..12] + "8" + hex[12..15] + "8" + hex[15..18] + hex[18..] + Checksum(hex);
        return $"{digits[..8]}-{digits[8..12]}-{digits[12..16]}-{digits[16..20]}-{digits[20..]}";
    }

    /// <summary>The workflow id a UUID of <see cref="Of"/> stands for (any letter case); null for any other text.</summary>
    public static string? WorkflowIdOf(string? uuid)
    {
        if (uuid is null || !Guid.TryParseExact(uuid, "D", out var guid))
        {
            return null;
        }

        var digits = guid.ToString("N");
        if (digits[12] != '8' || digits[16] != '8')
        {
            return null;
        }

        var hex = digits[..12] + digits[13..16] + digits[17..20] + digits[20..26];
        return digits[26..] == Checksum(hex) ? Prefix + hex : null;
    }

    private static string Checksum(string hex) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("workflow-uuid:" + hex)))[..6];

    private static bool IsLowercaseHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
