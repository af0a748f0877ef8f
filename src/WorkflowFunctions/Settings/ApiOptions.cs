namespace WorkflowFunctions.Settings;

/// <summary>
/// Limits and defaults of the HTTP API, section <c>Api</c> (environment variables <c>Api__RateLimitPerMinute</c>
/// and so on). Every limit protects the service; docs/api.md lists them with the errors they produce.
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Requests per minute per API key (per instance) before 429 with <c>Retry-After</c>.</summary>
    public int RateLimitPerMinute { get; set; } = 100;

    /// <summary>Largest request body in bytes (413 above).</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest <c>?wait=</c> on a run start, in seconds.</summary>
    public int MaxWaitSeconds { get; set; } = 60;

    /// <summary>Default <c>timeout</c> of <c>GET /runs/{id}/result</c>, in milliseconds.</summary>
    public int DefaultResultTimeoutMs { get; set; } = 30_000;

    /// <summary>Longest <c>timeout</c> of <c>GET /runs/{id}/result</c>, in milliseconds.</summary>
    public int MaxResultTimeoutMs { get; set; } = 600_000;

    /// <summary>
    /// How often a waiting request re-reads the run's state when no completion signal arrives (a run finished by
    /// another instance). Runs finished by this instance signal waiters at once.
    /// </summary>
    public int ResultPollIntervalMs { get; set; } = 1_000;

    /// <summary>
    /// How long the per-status counts of a running batch (<c>GET /batches/{id}</c>) are shared between requests, in
    /// milliseconds; counting reads every item's status. 0 reads them for every request.
    /// </summary>
    public int BatchCountsMaxAgeMs { get; set; } = 1_000;

    /// <summary>
    /// How long <c>POST /runs/{id}/cancel</c> waits, in seconds, for a run to stop by itself before terminating it
    /// (a terminated run has no output, only its status and the reason). 0 terminates at once, without asking the run
    /// to stop (its nodes are not reported <c>cancelled</c>).
    /// </summary>
    public int CancelGraceSeconds { get; set; } = 10;

    /// <summary>
    /// The longest any response may take, in seconds: run event streams end before it (telling the client to
    /// reconnect), and the result long-poll <c>timeout</c> and a start's <c>wait</c> are cut to it (answering "not
    /// finished yet"). 0 detects the platform: 220 on Azure (whose front end cuts responses at 230 s; detected by
    /// <c>WEBSITE_INSTANCE_ID</c> or <c>WEBSITE_SITE_NAME</c>), no limit elsewhere. -1: no limit.
    /// </summary>
    public int MaxResponseSeconds { get; set; }

    /// <summary>The longest a run or batch event stream stays open, in seconds, before it ends asking the client to reconnect.</summary>
    public int StreamMaxSeconds { get; set; } = 3_600;

    /// <summary>How often an event stream with nothing to send writes a comment line, in seconds, so idle connections stay open.</summary>
    public int StreamHeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// How often a run or batch that has open event streams on this instance is re-read, in milliseconds, when nothing
    /// on this instance says it changed (a node activity finishing, the run's end recorded). One read serves every
    /// stream of that run on the instance.
    /// </summary>
    public int EventPollIntervalMs { get; set; } = 1_000;

    /// <summary>A node result up to this many bytes (serialized) is sent inside its event; a larger one as a link to fetch it.</summary>
    public int EventResultInlineBytes { get; set; } = 16 * 1024;

    /// <summary>Most items in one batch.</summary>
    public int MaxBatchItems { get; set; } = 10_000;

    /// <summary>Largest page of any list (<c>limit</c>).</summary>
    public int MaxPageSize { get; set; } = 100;
}
