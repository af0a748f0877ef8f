namespace WorkflowFunctions.Settings;

/// <summary>Settings section <c>Auth</c>: <c>Auth__BootstrapKey</c>, <c>Auth__BootstrapAccount</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>An API key accepted with admin scope for <see cref="BootstrapAccount"/>. Never logged or returned.</summary>
    public string? BootstrapKey { get; set; }

    public string BootstrapAccount { get; set; } = "default";
}
