namespace WorkflowFunctions.Access;

/// <summary>The authenticated caller of a request: the account it acts for, the key it used, and that key's scopes.</summary>
public sealed record Caller(string AccountId, string KeyId, IReadOnlyList<string> Scopes);
