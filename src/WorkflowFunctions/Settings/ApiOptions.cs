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
    /// On Azure, the longest any request waits for a run, in seconds (1 to 229): the platform's front end ends every
    /// response after 230 s, so a longer wait would reach the client as an error instead of the run's state. Off Azure
    /// it does not apply (see <see cref="ResponseLimit"/>).
    /// </summary>
    public int AzureResponseLimitSeconds { get; set; } = 220;

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

    /// <summary>Most items in one batch.</summary>
    public int MaxBatchItems { get; set; } = 10_000;

    /// <summary>Largest page of any list (<c>limit</c>).</summary>
    public int MaxPageSize { get; set; } = 100;
}
