namespace WorkflowFunctions.Runs;

/// <summary>
/// A key-less link to a run's result file: the run, when the link stops working (Unix seconds) and the signature
/// over both that makes it valid (base64url HMAC-SHA256). Made and checked by <see cref="ResultLinkSigner"/>.
/// </summary>
public sealed record ResultLink(string RunId, long Expires, string Signature)
{
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Expires);
}

/// <summary>What checking a presented result link found.</summary>
public enum ResultLinkCheck
{
    /// <summary>Signed by this service and not expired.</summary>
    Valid,

    /// <summary>No signature or no expiry at all.</summary>
    NotSigned,

    /// <summary>A signature that does not match the run and expiry (changed, forged, or made with another key).</summary>
    BadSignature,

    /// <summary>Signed by this service, but its time is up.</summary>
    Expired,

    /// <summary>This service has no signing key (in Azure without <c>Results__SigningSecret</c>), so no link is valid.</summary>
    NoKey,
}
