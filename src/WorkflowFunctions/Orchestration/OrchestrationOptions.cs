namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Service defaults and limits for workflow runs, bound from the <c>Orchestration</c> configuration section
/// (environment variables <c>Orchestration__DefaultRunTimeoutSeconds</c> and so on). Nodes override the
/// retry and timeout defaults in their own data (<c>retry</c>, <c>timeout_seconds</c>).
/// </summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Orchestration";

    /// <summary>Attempts per I/O node (first try included) when the node sets no <c>retry.max_attempts</c>.</summary>
    public int DefaultMaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry when the node sets no <c>retry.backoff_seconds</c>.</summary>
    public double DefaultBackoffSeconds { get; set; } = 2;

    /// <summary>Each further retry waits this many times longer than the previous one (exponential backoff).</summary>
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>No retry waits longer than this.</summary>
    public double MaxBackoffSeconds { get; set; } = 60;

    /// <summary>Per-node timeout when neither the node (<c>timeout_seconds</c>) nor <see cref="NodeTimeoutSeconds"/> sets one.</summary>
    public double DefaultNodeTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// Per-type node timeouts, keyed by node type (<c>http-node</c>); as environment variables the hyphens may be
    /// written as underscores (<c>Orchestration__NodeTimeoutSeconds__http_node=60</c>).
    /// </summary>
    public Dictionary<string, double> NodeTimeoutSeconds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Run timeout when the run does not choose one (15 minutes).</summary>
    public int DefaultRunTimeoutSeconds { get; set; } = 900;

    /// <summary>The longest run timeout a run may choose (24 hours); longer requests are capped.</summary>
    public int MaxRunTimeoutSeconds { get; set; } = 86_400;

    /// <summary>How deeply <c>workflow-node</c> sub-runs may nest.</summary>
    public int MaxSubWorkflowDepth { get; set; } = 5;

    /// <summary>
    /// How many sub-runs one run may start, its sub-runs' sub-runs included (100): bounds the breadth of a run tree
    /// that depth alone does not (six workflow nodes calling their own workflow started thousands).
    /// </summary>
    public int MaxSubRunsPerRun { get; set; } = 100;

    /// <summary>How many nodes one run may execute, its sub-runs' nodes included (10,000).</summary>
    public int MaxNodeExecutionsPerRun { get; set; } = 10_000;

    /// <summary>
    /// The largest text one template rendering may produce, in UTF-8 bytes (1 MiB): output and condition templates,
    /// LLM messages, HTTP URL, headers and body, sub-workflow input. A rendering that would pass it stops there and
    /// fails its node; a template repeating a large value would otherwise multiply memory.
    /// </summary>
    public int MaxRenderedTemplateBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest result of a top-level run, in UTF-8 bytes of JSON (12 MiB): node results, output-node results and
    /// the primary output together. The node whose result would pass it fails, so a run's result never grows past it.
    /// A large result reaches the result store in parts (see <see cref="MaxInlineResultBytes"/>), so it may pass the
    /// durable engine's limit on one message (about 3.9 MB); a sub-run's may not (<see cref="MaxSubRunResultBytes"/>).
    /// </summary>
    public int MaxRunResultBytes { get; set; } = 12 * 1024 * 1024;

    /// <summary>
    /// The largest result of a sub-run (<c>workflow-node</c>), in UTF-8 bytes of JSON (3 MiB); the smaller of this and
    /// <see cref="MaxRunResultBytes"/> applies. A sub-run's result is its orchestration's output, one message to its
    /// parent, so it stays below the engine's limit on one message (about 3.9 MB). It is also the largest result a
    /// top-level run keeps whole as its output when the result store cannot be written.
    /// </summary>
    public int MaxSubRunResultBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>
    /// The largest result a run keeps as its orchestration's output, in UTF-8 bytes of JSON (256 KiB). A larger result
    /// of a top-level run is written to the result store (a blob) and the output keeps a reference, so the
    /// orchestration's final commit stays small and can never fail for the result's size.
    /// </summary>
    public int MaxInlineResultBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// After this many I/O nodes have ended since the run's orchestration (re)started, with none in flight, the run
    /// continues as new from a checkpoint (50; 0 turns checkpoints off). Each episode replays the orchestration's whole
    /// history, so without checkpoints a chain of n nodes costs the square of n; with them an episode replays at most
    /// this many nodes, for one more episode and one checkpoint message per checkpoint. A checkpoint is one message, held
    /// to <see cref="MaxSubRunResultBytes"/>; a run whose checkpoint would be larger takes no more.
    /// </summary>
    public int CheckpointEveryNodes { get; set; } = 50;

    /// <summary>
    /// Size budget of the custom status in UTF-8 bytes, at most <see cref="ProgressReport.MaxBudgetBytes"/>: the
    /// Functions host fails an orchestration whose custom status is over 16 KB of UTF-16.
    /// </summary>
    public int CustomStatusBudgetBytes { get; set; } = ProgressReport.MaxBudgetBytes;
}
