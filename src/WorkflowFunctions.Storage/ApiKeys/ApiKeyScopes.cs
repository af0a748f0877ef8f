namespace WorkflowFunctions.Storage.ApiKeys;

/// <summary>
/// What a key may do: <c>read</c> (GET endpoints), <c>run</c> (start, cancel and approve runs and batches),
/// <c>admin</c> (everything: workflows, keys, and the other two scopes).
/// </summary>
public static class ApiKeyScopes
{
    public const string Read = "read";
    public const string Run = "run";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Read, Run, Admin];

    public static bool Allows(IReadOnlyCollection<string> granted, string required)
    {
        ArgumentNullException.ThrowIfNull(granted);
        return granted.Contains(Admin) || granted.Contains(required);
    }
}
