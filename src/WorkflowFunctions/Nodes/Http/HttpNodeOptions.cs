namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// Limits and network policy for <c>http-node</c>s, bound from the <c>HttpNode</c> section
/// (<c>HttpNode__AllowPrivateNetworks</c>, ...). The defaults are safe for a multi-tenant service: nodes can
/// only reach public addresses.
/// </summary>
public sealed class HttpNodeOptions
{
    public const string SectionName = "HttpNode";

    /// <summary>Lets nodes call loopback, private, link-local and other non-public addresses (development, private deployments).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c> or <c>10.20.1.5/32</c>) nodes may reach although they are not
    /// public, without opening every private address (<c>HttpNode__AllowedNetworks__0=10.20.0.0/16</c>).
    /// </summary>
    public List<string> AllowedNetworks { get; } = [];

    /// <summary>A node's timeout for the whole call (retries included) when its data sets no <c>timeout_seconds</c>.</summary>
    public double DefaultTimeoutSeconds { get; set; } = 30;

    /// <summary>Response bodies longer than this are cut (the result says <c>truncated: true</c>); 1 MiB by default.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Redirects followed per call; every hop is checked against the address policy.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Tries per node attempt, first included, for transient failures of idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between two in-process tries; a longer <c>Retry-After</c> is left to the durable retry.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 30;
}
