namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>Settings of the ScriptRun API, section <c>ScriptRun</c> (environment variables <c>ScriptRun__ServiceKey</c>).</summary>
public sealed class ScriptRunOptions
{
    public const string SectionName = "ScriptRun";

    /// <summary>
    /// The <c>X-Service-Api-Key</c> that the internal <c>execution-update/</c> callback must present; while it is not
    /// set, the callback is refused (403) whatever it sends.
    /// </summary>
    public string? ServiceKey { get; set; }
}
