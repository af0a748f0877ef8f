namespace WorkflowFunctions.Settings;

/// <summary>
/// Result files, section <c>Results</c> (<c>Results__SigningSecret</c>, <c>Results__LinkLifetimeMinutes</c>): the key
/// that signs their key-less download links, and how long a link works.
/// </summary>
public sealed class ResultOptions
{
    public const string SectionName = "Results";

    /// <summary>The shortest signing secret accepted, in characters.</summary>
    public const int MinSecretLength = 32;

    /// <summary>
    /// The HMAC-SHA256 key of result-file links, at least <see cref="MinSecretLength"/> characters; every instance must
    /// share it (in Azure a Key Vault reference). Unset outside Azure, each process signs with a random key of its own
    /// (links stop working when it restarts); unset in Azure, no links are handed out. Never logged or returned.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>How long a result-file link works after it was handed out (reference 004: one hour).</summary>
    public int LinkLifetimeMinutes { get; set; } = 60;
}
