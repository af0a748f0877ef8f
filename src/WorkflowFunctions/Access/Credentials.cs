namespace WorkflowFunctions.Access;

/// <summary>
/// What a request presented: the API key (null when none was sent) and, for APIs that name the account beside the
/// key, the account it claims to act for, which must be the key's own.
/// </summary>
public sealed record Credentials(string? Key, string? ClaimedAccount = null);
